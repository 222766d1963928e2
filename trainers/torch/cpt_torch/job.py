"""A training job as the worker hands it over: one JSON file (see TorchJob.java), read and checked here."""
import json

# The hyper-parameters, as the Java TrainConfig names them (snake case).
_CONFIG_FIELDS = ("steps", "schedule_steps", "micro_batch", "grad_accum", "lr", "min_lr_ratio", "warmup", "cosine",
                  "weight_decay", "clip_norm", "checkpoint_every", "eval_every", "seed", "eval_max_tokens")


class JobError(ValueError):
    """A job the trainer cannot run as given: the worker reports it once, never retries it."""


class Job:
    def __init__(self, raw, source):
        self.source = source
        try:
            self.base_model = raw["base_model"]
            self.resume = raw.get("resume")
            self.blocks = raw["blocks"]
            self.out = raw["out"]
            self.eos_id = int(raw["eos_id"])
            self.eval_sets = [(entry["name"], entry["tokens"]) for entry in raw.get("eval_sets", [])]
            config = raw["config"]
            missing = [name for name in _CONFIG_FIELDS if name not in config]
        except (KeyError, TypeError) as error:
            raise JobError(f"{source}: not a training job: missing {error}") from error
        if missing:
            raise JobError(f"{source}: config lacks {', '.join(missing)}")
        for name in _CONFIG_FIELDS:
            setattr(self, name, config[name])
        for name in ("steps", "schedule_steps", "micro_batch", "grad_accum", "checkpoint_every", "eval_every"):
            if int(getattr(self, name)) < 1:
                raise JobError(f"{source}: config.{name}: must be >= 1, got {getattr(self, name)}")
        if not self.lr > 0:
            raise JobError(f"{source}: config.lr: must be > 0, got {self.lr}")

    @staticmethod
    def read(path):
        try:
            with open(path, encoding="utf-8") as file:
                raw = json.load(file)
        except (OSError, ValueError) as error:
            raise JobError(f"{path}: cannot read the training job: {error}") from error
        return Job(raw, path)

    @property
    def global_batch(self):
        """Blocks per optimizer step, whatever the world size: micro_batch × grad_accum, as the Java trainer."""
        return self.micro_batch * self.grad_accum

    def read_eval_sets(self):
        """Held-out sets by name, in order: lists of token-id lists."""
        sets = []
        for name, path in self.eval_sets:
            with open(path, encoding="utf-8") as file:
                documents = json.load(file)
            if documents:
                sets.append((name, documents))
        return sets
