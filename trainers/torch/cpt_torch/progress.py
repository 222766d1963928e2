"""Rank 0's JSON lines: ``progress.jsonl`` (events the worker heartbeats with), ``losses.jsonl`` and ``eval.jsonl``
(the logs the report reads, as the Java trainer writes them: ``{"step":K,"loss":x,"lr":y}``, ``{"step":K,"domain":x}``).
"""
import json
import os

PROGRESS = "progress.jsonl"
LOSSES = "losses.jsonl"
EVALS = "eval.jsonl"


def line(values):
    # Compact, in the given order; a NaN loss stays a bare NaN, as the Java logs have it.
    return json.dumps(values, separators=(",", ":")) + "\n"


class Progress:
    """Appends one line per event, flushed, so a reader tailing the file sees each step as it ends."""

    def __init__(self, out, enabled):
        self.enabled = enabled
        self._files = {}
        self._out = out

    def _append(self, name, values):
        if not self.enabled:
            return
        if name not in self._files:
            self._files[name] = open(os.path.join(self._out, name), "a", encoding="utf-8")
        file = self._files[name]
        file.write(line(values))
        file.flush()

    def event(self, kind, **values):
        self._append(PROGRESS, {"event": kind, **values})

    def loss(self, step, loss, lr):
        self._append(LOSSES, {"step": step, "loss": loss, "lr": lr})

    def evals(self, step, losses):
        self._append(EVALS, {"step": step, **losses})

    def close(self):
        for file in self._files.values():
            file.close()


def truncate(path, last_step):
    """Keeps the lines of steps up to ``last_step``; a line cut short by a crash is dropped."""
    if not os.path.exists(path):
        return
    kept = []
    with open(path, encoding="utf-8") as file:
        for text in file:
            try:
                step = json.loads(text).get("step")
            except (ValueError, AttributeError):
                continue
            if isinstance(step, int) and step <= last_step:
                kept.append(text if text.endswith("\n") else text + "\n")
    with open(path, "w", encoding="utf-8") as file:
        file.writelines(kept)
