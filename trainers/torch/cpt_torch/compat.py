"""What PyTorch 1.13 needs to run on Python 3.11 (it predates it); nothing here changes PyTorch 2.x.

- torchrun: Python 3.11 no longer lists the zero and multi-bit members of an IntFlag, so torch 1.13's
  ``Std.from_str`` returns None for "0" and "3" and torchrun dies at start (``'NoneType' object has no attribute
  'get'``). ``fix_torchrun`` gives ``Std.from_str`` its documented behaviour.
- FSDP: Python 3.11 refuses a dataclass field whose default is an unhashable instance, and torch 1.13's
  ShardedTensorMetadata has one (``tensor_properties``), so importing torch.distributed.fsdp fails.
  ``import_fsdp`` turns that one default into a default factory while the import runs.
"""
import copy
import dataclasses
import re
import sys


def fix_torchrun():
    from torch.distributed.elastic.multiprocessing import api

    if api.Std.from_str("0") is not None:
        return

    def from_str(cls, value):
        if re.match(r"^[0123]$", value):
            return cls(int(value))
        if re.match(r"^(\d:[0123],)*(\d:[0123])$", value):
            return {int(rank): cls(int(flag)) for rank, flag in (item.split(":") for item in value.split(","))}
        raise ValueError(f"{value} does not match: <[0123]> or <(\\d:[0123],)*(\\d:[0123])>")

    api.Std.from_str = classmethod(from_str)


def import_fsdp():
    """``torch.distributed.fsdp``, importable on torch 1.13 under Python 3.11 too."""
    import torch

    if sys.version_info < (3, 11) or int(torch.__version__.split(".")[0]) >= 2 or "torch.distributed.fsdp" in sys.modules:
        import torch.distributed.fsdp as fsdp

        return fsdp
    original = dataclasses._get_field

    def get_field(cls, name, annotation, *rest):
        default = cls.__dict__.get(name)
        if isinstance(default, dataclasses.Field) and type(default.default).__name__ == "TensorProperties":
            value = default.default
            default.default = dataclasses.MISSING
            default.default_factory = lambda: copy.copy(value)
        return original(cls, name, annotation, *rest)

    dataclasses._get_field = get_field
    try:
        import torch.distributed.fsdp as fsdp
    finally:
        dataclasses._get_field = original
    return fsdp
