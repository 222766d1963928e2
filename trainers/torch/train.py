"""The torch engine's entry point, ``{trainer}`` in a worker's launch template (see cpt_torch/main.py)."""
import sys

from cpt_torch.main import main

if __name__ == "__main__":
    sys.exit(main())
