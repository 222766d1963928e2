"""``OUT/checkpoints/step-K/`` in the Java trainer's layout, so the worker syncs both engines' checkpoints alike:
the HF model directory (``config.json``, ``model.safetensors``, ``tokenizer.json``), ``optimizer.safetensors``
(AdamW's moments by ``<param>.exp_avg`` / ``.exp_avg_sq``, float32), ``rng_state.pt`` (every rank's generators)
and ``trainer_state.json`` (step, data position, seed, epoch, rate). A checkpoint is written into a temporary
directory, ``trainer_state.json`` last, and renamed into place, so a crash never leaves a half one to resume from.
"""
import json
import os
import re
import shutil

import torch

from . import safetensors

DIR = "checkpoints"
STATE = "trainer_state.json"
OPTIMIZER = "optimizer.safetensors"
RNG = "rng_state.pt"
FINAL = "final"
_STEP_DIR = re.compile(r"step-(\d+)")


def write_model(directory, weights, base_model):
    """An HF model directory: the base model's config and tokenizer beside the weights."""
    os.makedirs(directory, exist_ok=True)
    for name in ("config.json", "tokenizer.json"):
        source = os.path.join(base_model, name)
        target = os.path.join(directory, name)
        if os.path.exists(source) and not (os.path.exists(target) and os.path.samefile(source, target)):
            shutil.copyfile(source, target)
    safetensors.write(os.path.join(directory, "model.safetensors"), weights)


def write(out, state, weights, moments, rng_states, base_model):
    root = os.path.join(out, DIR)
    finished = os.path.join(root, f"step-{state['step']}")
    temporary = os.path.join(root, f".tmp-step-{state['step']}")
    shutil.rmtree(temporary, ignore_errors=True)
    write_model(temporary, weights, base_model)
    safetensors.write(os.path.join(temporary, OPTIMIZER), moments, {"optimizer": "adamw"})
    torch.save(rng_states, os.path.join(temporary, RNG))
    with open(os.path.join(temporary, STATE), "w", encoding="utf-8") as file:
        json.dump(state, file, indent=2)
        file.write("\n")
    shutil.rmtree(finished, ignore_errors=True)
    os.rename(temporary, finished)
    return finished


def write_final(out, weights, base_model):
    final = os.path.join(out, FINAL)
    temporary = os.path.join(out, ".tmp-" + FINAL)
    shutil.rmtree(temporary, ignore_errors=True)
    write_model(temporary, weights, base_model)
    shutil.rmtree(final, ignore_errors=True)
    os.rename(temporary, final)
    return final


def latest(out):
    """The newest complete checkpoint under ``out``, or None."""
    root = os.path.join(out, DIR)
    if not os.path.isdir(root):
        return None
    steps = [int(match.group(1)) for match in map(_STEP_DIR.fullmatch, os.listdir(root))
             if match and os.path.exists(os.path.join(root, match.group(0), STATE))]
    return os.path.join(root, f"step-{max(steps)}") if steps else None


def read_state(checkpoint):
    with open(os.path.join(checkpoint, STATE), encoding="utf-8") as file:
        return json.load(file)


def read_moments(checkpoint):
    return safetensors.read(os.path.join(checkpoint, OPTIMIZER))[0]


def read_rng(checkpoint):
    path = os.path.join(checkpoint, RNG)
    return torch.load(path) if os.path.exists(path) else None
