"""``python -m cpt_torch.probe``: one JSON line saying what this interpreter's PyTorch can train on.

A worker runs it at start, to say whether it serves the torch engine, and with how many devices.
"""
import json
import platform
import sys


def main():
    try:
        import torch
    except ImportError as error:
        print(json.dumps({"ok": False, "python": platform.python_version(), "error": str(error)}))
        return 1
    cuda = torch.cuda.is_available()
    devices = torch.cuda.device_count() if cuda else 0
    print(json.dumps({
        "ok": True,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "cuda_devices": devices,
        "device_name": torch.cuda.get_device_name(0) if devices else "cpu",
        "distributed": torch.distributed.is_available(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
