"""The pack stage's training blocks, and the seeded order the trainer reads them in.

A block file is a directory with ``blocks.int32``: ``blocks × seq_len`` tokens as little-endian int32, block after
block, and ``blocks.json``: ``{"seqLen", "blocks", "tokens", "documents", "droppedTokens", "eosId",
"tokenizerSha256"}``. The tokens are memory-mapped, so a corpus larger than memory trains fine.
"""
import json
import mmap
import os

import torch

TOKENS = "blocks.int32"
METADATA = "blocks.json"

_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15
_EPOCH_SALT = 0xD1B54A32D192ED03


class BlockFile:
    """Memory-mapped blocks; ``block(i)`` is the i-th block's tokens as an int64 tensor."""

    def __init__(self, directory):
        with open(os.path.join(directory, METADATA), encoding="utf-8") as file:
            self.metadata = json.load(file)
        self.seq_len = int(self.metadata["seqLen"])
        self.blocks = int(self.metadata["blocks"])
        path = os.path.join(directory, TOKENS)
        expected = self.blocks * self.seq_len * 4
        size = os.path.getsize(path)
        if size != expected:
            raise ValueError(f"{path}: {size} bytes, {METADATA} says {self.blocks} blocks x {self.seq_len} tokens"
                             f" = {expected}")
        self._file = open(path, "rb")
        # mmap refuses an empty file; a file with no blocks has nothing to read anyway.
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else None

    def block(self, index):
        if not 0 <= index < self.blocks:
            raise IndexError(f"block {index} of {self.blocks}")
        start = index * self.seq_len * 4
        raw = self._map[start:start + self.seq_len * 4]
        # bytes are immutable, so frombuffer warns; a bytearray copy is one block, tiny.
        return torch.frombuffer(bytearray(raw), dtype=torch.int32).to(torch.int64)

    def batch(self, indices):
        """The blocks at ``indices`` as one [len(indices), seq_len] int64 tensor."""
        return torch.stack([self.block(index) for index in indices])

    def close(self):
        if self._map is not None:
            self._map.close()
        self._file.close()


class SplitMix64:
    """Steele, Lea and Flood's SplitMix64, on Python integers modulo 2^64."""

    def __init__(self, state):
        self.state = state & _MASK

    def next(self):
        self.state = (self.state + _GAMMA) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)


def permutation(blocks, seed, epoch):
    """Epoch ``epoch``'s order of ``blocks`` blocks for ``seed``, exactly as the Java trainer's DataOrder draws it.

    A SplitMix64 generator starts at ``seed XOR (epoch × 0xD1B54A32D192ED03)`` (mod 2^64, the seed as two's
    complement); Fisher–Yates from the last position down swaps position i with j = the high 64 bits of
    next() × (i + 1).
    """
    order = list(range(blocks))
    random = SplitMix64(seed ^ ((epoch * _EPOCH_SALT) & _MASK))
    for i in range(blocks - 1, 0, -1):
        j = (random.next() * (i + 1)) >> 64
        order[i], order[j] = order[j], order[i]
    return order


class BlockOrder:
    """Which block the n-th training sample is; a pure function of (seed, sample), so a resume needs only n."""

    def __init__(self, blocks, seed):
        if blocks < 1:
            raise ValueError("no training blocks: the data is shorter than one sequence")
        self.blocks = blocks
        self.seed = seed
        self._epoch = -1
        self._order = None

    def block(self, sample):
        epoch = sample // self.blocks
        if epoch != self._epoch:
            self._order = permutation(self.blocks, self.seed, epoch)
            self._epoch = epoch
        return self._order[sample % self.blocks]
