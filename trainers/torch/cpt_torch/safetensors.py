"""The safetensors format, read and written without the ``safetensors`` package.

A file is an 8-byte little-endian header length N, N bytes of JSON (``{name: {"dtype", "shape",
"data_offsets": [begin, end]}, "__metadata__": {str: str}}``, offsets relative to the data section) and the raw
little-endian tensor data. A Hugging Face checkpoint is ``model.safetensors``, or shards named by
``model.safetensors.index.json``'s ``weight_map``.
"""
import json
import mmap
import os
import struct

import torch

try:  # PyTorch 2.x wheels do not require numpy; without it, tensors export through lists (slower, same bytes).
    import numpy  # noqa: F401

    _HAS_NUMPY = True
except ImportError:
    _HAS_NUMPY = False

_DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
_NAMES = {dtype: name for name, dtype in _DTYPES.items()}
_ELEMENT_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
# The reference implementation refuses larger headers; it also bounds what a corrupt length costs.
_MAX_HEADER = 100_000_000


def read(path):
    """Every tensor of one file, by name (copies, so the file can be closed), and its metadata."""
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size < 8:
            raise ValueError(f"{path}: {size} bytes, too short for a safetensors file")
        (length,) = struct.unpack("<Q", file.read(8))
        if length > _MAX_HEADER or 8 + length > size:
            raise ValueError(f"{path}: header length {length} does not fit the {size}-byte file")
        header = json.loads(file.read(length))
        data_start = 8 + length
        metadata = header.pop("__metadata__", {}) or {}
        tensors = {}
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            for name, entry in header.items():
                dtype_name = entry["dtype"]
                if dtype_name not in _DTYPES:
                    raise ValueError(f"{path}: tensor {name} has dtype {dtype_name}, which is not supported")
                shape = [int(dim) for dim in entry["shape"]]
                begin, end = (int(offset) for offset in entry["data_offsets"])
                count = 1
                for dim in shape:
                    count *= dim
                if not 0 <= begin <= end <= size - data_start or end - begin != count * _ELEMENT_BYTES[dtype_name]:
                    raise ValueError(f"{path}: tensor {name}: data_offsets {[begin, end]} do not hold {shape} of {dtype_name}")
                if count == 0:
                    # frombuffer refuses an empty buffer.
                    tensors[name] = torch.empty(shape, dtype=_DTYPES[dtype_name])
                    continue
                raw = bytearray(mapped[data_start + begin:data_start + end])
                tensors[name] = torch.frombuffer(raw, dtype=_DTYPES[dtype_name]).reshape(shape)
    return tensors, metadata


def write(path, tensors, metadata=None):
    """Writes ``tensors`` (name → tensor) atomically: widest dtype first, then by name, header padded to 8 bytes."""
    full_metadata = dict(metadata or {})
    full_metadata.setdefault("format", "pt")
    ordered = sorted(tensors.items(), key=lambda item: (-item[1].element_size(), item[0]))
    header = {"__metadata__": full_metadata}
    offset = 0
    for name, tensor in ordered:
        if tensor.dtype not in _NAMES:
            raise ValueError(f"tensor {name}: dtype {tensor.dtype} cannot be written")
        length = tensor.numel() * tensor.element_size()
        header[name] = {"dtype": _NAMES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + length]}
        offset += length
    encoded = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "wb") as file:
        file.write(struct.pack("<Q", len(encoded)))
        file.write(encoded)
        # One tensor's bytes at a time, so a large model costs one tensor of extra memory, not a copy of all.
        for _, tensor in ordered:
            file.write(_little_endian_bytes(tensor))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def _little_endian_bytes(tensor):
    flat = tensor.detach().to("cpu").contiguous().reshape(-1)
    if flat.numel() == 0:
        return b""
    # Every platform torch supports is little-endian, so the raw bytes are the file's bytes. Viewed as uint8, bfloat16
    # (which numpy lacks) exports like any other type.
    raw = flat.view(torch.uint8)
    return raw.numpy().tobytes() if _HAS_NUMPY else bytes(raw.tolist())


def read_checkpoint(directory, base_name="model"):
    """Every tensor of an HF checkpoint directory: ``<base>.safetensors``, else the shards its index names."""
    single = os.path.join(directory, base_name + ".safetensors")
    if os.path.exists(single):
        return read(single)[0]
    index = os.path.join(directory, base_name + ".safetensors.index.json")
    if not os.path.exists(index):
        raise FileNotFoundError(f"{directory}: neither {base_name}.safetensors nor its index")
    with open(index, encoding="utf-8") as file:
        weight_map = json.load(file)["weight_map"]
    tensors = {}
    for shard in sorted(set(weight_map.values())):
        tensors.update(read(os.path.join(directory, shard))[0])
    return tensors
