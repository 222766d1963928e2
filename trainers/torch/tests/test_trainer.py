import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr

from cpt_torch import checkpoint, main, progress
from tests import fixtures


def read_lines(path):
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def read_bytes(path):
    with open(path, "rb") as file:
        return file.read()


class TrainerTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = self.directory.name
        self.base = fixtures.tiny_model(os.path.join(self.root, "base"), seed=3)
        self.blocks = fixtures.blocks(os.path.join(self.root, "blocks"), 10, 17, seed=4)
        self.heldout = [("domain", [[1, 2, 3, 4, 5], [6, 7]])]

    def tearDown(self):
        self.directory.cleanup()

    def run_job(self, name, **config):
        directory = os.path.join(self.root, name)
        os.makedirs(directory, exist_ok=True)
        job, out = fixtures.job(directory, self.base, self.blocks, eval_sets=self.heldout, **config)
        self.assertEqual(0, main.main(["--job", job]))
        return directory, out

    def test_a_run_stopped_at_a_checkpoint_and_resumed_ends_with_the_same_losses_and_weights(self):
        # 8 steps of 4 blocks over 10 blocks: three epochs, so the resumed run crosses an epoch boundary too.
        # The stopped run evaluates at its last step, as the Java trainer does: the straight run must too.
        _, straight = self.run_job("straight", steps=8, schedule_steps=8, eval_every=2)
        directory, interrupted = self.run_job("interrupted", steps=4, schedule_steps=8, eval_every=2)
        resume = checkpoint.latest(interrupted)
        self.assertTrue(resume.endswith("step-4"))
        self.assertEqual({"step": 4, "samplesConsumed": 16, "dataSeed": 9, "epoch": 1,
                          "lr": read_lines(os.path.join(interrupted, "losses.jsonl"))[-1]["lr"]},
                         checkpoint.read_state(resume))
        # A crash after the checkpoint left a line for step 5, and half of another, in the log.
        with open(os.path.join(interrupted, progress.LOSSES), "a", encoding="utf-8") as log:
            log.write('{"step":5,"loss":1.0,"lr":0.1}\n{"step":6,"lo')
        job, _ = fixtures.job(directory, self.base, self.blocks, resume=resume, eval_sets=self.heldout, steps=8,
                              schedule_steps=8, eval_every=2)
        self.assertEqual(0, main.main(["--job", job]))
        self.assertEqual(read_lines(os.path.join(straight, "losses.jsonl")),
                         read_lines(os.path.join(interrupted, "losses.jsonl")))
        self.assertEqual(read_lines(os.path.join(straight, "eval.jsonl")),
                         read_lines(os.path.join(interrupted, "eval.jsonl")))
        self.assertEqual(read_bytes(os.path.join(straight, "final", "model.safetensors")),
                         read_bytes(os.path.join(interrupted, "final", "model.safetensors")))
        self.assertEqual(read_bytes(os.path.join(straight, "checkpoints", "step-8", "optimizer.safetensors")),
                         read_bytes(os.path.join(interrupted, "checkpoints", "step-8", "optimizer.safetensors")))

    def test_progress_names_every_step_checkpoint_and_the_end(self):
        _, out = self.run_job("progress", steps=3, schedule_steps=3, checkpoint_every=2, eval_every=2)
        events = read_lines(os.path.join(out, progress.PROGRESS))
        self.assertEqual(["start", "step", "step", "eval", "checkpoint", "step", "eval", "checkpoint", "done"],
                         [event["event"] for event in events])
        self.assertEqual({"engine": "torch", "world_size": 1, "mode": "single", "precision": "fp32", "device": "cpu"},
                         {key: events[0][key] for key in ("engine", "world_size", "mode", "precision", "device")})
        self.assertEqual(3 * 4 * 16, events[5]["tokens"], "steps x blocks per step x (seq_len - 1)")
        self.assertEqual("checkpoints/step-2", events[4]["path"])
        self.assertEqual(["config.json", "model.safetensors", "tokenizer.json"], sorted(os.listdir(os.path.join(out, "final"))))
        self.assertEqual(events[-1]["loss"], read_lines(os.path.join(out, "losses.jsonl"))[-1]["loss"])

    def test_a_job_it_cannot_run_exits_2_with_one_line(self):
        directory = os.path.join(self.root, "bad")
        os.makedirs(directory)
        job, _ = fixtures.job(directory, self.base, self.blocks)
        with open(job, encoding="utf-8") as file:
            raw = json.load(file)
        del raw["config"]["lr"]
        with open(job, "w", encoding="utf-8") as file:
            json.dump(raw, file)
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            code = main.main(["--job", job])
        self.assertEqual(2, code)
        self.assertEqual(f"cpt-torch: {job}: config lacks lr\n", stderr.getvalue())

if __name__ == "__main__":
    unittest.main()
