"""The training loop, step for step the Java trainer's (activities/.../lm/train/Trainer.java).

A step is ``micro_batch × grad_accum`` blocks whatever the world size: rank r of W takes its contiguous
``1/W`` of them, in micro-batches of at most ``micro_batch`` blocks, so one process and eight train the same global
batch. Each micro-batch's loss is the mean NLL over its tokens, weighted by its share of the rank's blocks, and
DDP's (or FSDP's) gradient average across ranks makes the step's gradient the mean over the global batch. Then
global-norm clipping, AdamW at the schedule's rate, and the logs; held-out loss every ``eval_every`` steps and a
checkpoint every ``checkpoint_every`` steps and at the end.
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

from . import checkpoint, heldout, model as neox, optim, progress
from .blocks import BlockFile, BlockOrder
from .job import JobError
from .schedule import LrSchedule, warmup_steps


class Trainer:
    def __init__(self, job, parallel, activation_checkpointing=False):
        self.job = job
        self.parallel = parallel
        self.activation_checkpointing = activation_checkpointing

    def train(self):
        job, parallel = self.job, self.parallel
        started = time.time()
        blocks = BlockFile(job.blocks)
        if job.global_batch % parallel.world_size:
            raise JobError(f"micro_batch x grad_accum = {job.global_batch} blocks per step cannot be split over "
                           f"{parallel.world_size} processes; make it a multiple of the world size")
        per_rank = job.global_batch // parallel.world_size
        resume = job.resume
        state = checkpoint.read_state(resume) if resume else {"step": 0, "samplesConsumed": 0}
        module = neox.load(resume or job.base_model)
        model = parallel.wrap(module, self.activation_checkpointing)
        named = parallel.named_parameters()
        optimizer = optim.adamw(named, job.weight_decay, job.lr, on_gpu=parallel.cuda)
        if resume:
            parallel.load_moments(optimizer, checkpoint.read_moments(resume), state["step"])
            self._restore_rng(checkpoint.read_rng(resume))
        logs = progress.Progress(job.out, parallel.rank == 0)
        step, samples = int(state["step"]), int(state["samplesConsumed"])
        if parallel.rank == 0:
            os.makedirs(job.out, exist_ok=True)
            for log in (progress.LOSSES, progress.EVALS):
                path = os.path.join(job.out, log)
                if resume:
                    # A run that crashed after its last checkpoint logged steps that will now be redone.
                    progress.truncate(path, step)
                elif os.path.exists(path):
                    os.remove(path)
        logs.event("start", engine="torch", torch=torch.__version__, world_size=parallel.world_size, mode=parallel.mode,
                   precision=parallel.precision, device=parallel.device.type, device_name=parallel.device_name(),
                   resumed_from=step if resume else None, steps=job.steps, pid=os.getpid())
        if parallel.rank == 0:
            print(f"cpt-torch: {'resuming at step ' + str(step) if resume else 'starting'}, {job.steps} steps of "
                  f"{job.global_batch} blocks on {parallel.world_size} x {parallel.device_name()} ({parallel.mode}, "
                  f"{parallel.precision}), PyTorch {torch.__version__}", file=sys.stderr, flush=True)
        order = BlockOrder(blocks.blocks, job.seed)
        schedule = LrSchedule(job.lr, warmup_steps(job.warmup, job.schedule_steps), job.schedule_steps, job.min_lr_ratio,
                              job.cosine)
        eval_sets = job.read_eval_sets()
        tokens_per_step = job.global_batch * (blocks.seq_len - 1)
        loss, last_eval = float("nan"), {}
        model.train()
        while step < job.steps:
            lr = schedule.at(step)
            for group in optimizer.param_groups:
                group["lr"] = lr
            first = samples + parallel.rank * per_rank
            mine = [order.block(first + i) for i in range(per_rank)]
            chunks = [mine[i:i + job.micro_batch] for i in range(0, per_rank, job.micro_batch)]
            loss_sum = 0.0
            for index, chunk in enumerate(chunks):
                with parallel.no_sync(last=index == len(chunks) - 1):
                    ids = blocks.batch(chunk).to(parallel.device)
                    with parallel.autocast():
                        logits = model(ids[:, :-1])
                    micro_loss = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
                    (micro_loss * (len(chunk) / per_rank)).backward()
                loss_sum += micro_loss.item() * len(chunk)
            samples += job.global_batch
            (loss_sum,) = parallel.sum([loss_sum])
            if job.clip_norm > 0:
                parallel.clip(job.clip_norm)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            loss = loss_sum / job.global_batch
            logs.loss(step, loss, lr)
            logs.event("step", step=step, steps=job.steps, loss=loss, lr=lr, tokens=step * tokens_per_step,
                       seconds=time.time() - started)
            if step % job.eval_every == 0 or step == job.steps:
                last_eval = self._evaluate(model, eval_sets)
                if last_eval:
                    logs.evals(step, last_eval)
                    logs.event("eval", step=step, losses=last_eval)
            if step % job.checkpoint_every == 0 or step == job.steps:
                path = self._checkpoint(optimizer, step, samples, blocks.blocks, lr)
                logs.event("checkpoint", step=step, path=os.path.relpath(path, job.out) if path else None)
        weights, _ = parallel.full_state()
        if parallel.rank == 0:
            final = checkpoint.write_final(job.out, weights, job.base_model)
            logs.event("done", steps=step, tokens=job.steps * tokens_per_step, loss=loss, eval=last_eval,
                       final=os.path.relpath(final, job.out), seconds=time.time() - started)
        parallel.barrier()
        logs.close()
        blocks.close()

    def _evaluate(self, model, eval_sets):
        config = self.parallel.module.config
        return {name: heldout.corpus_nll(model, documents, self.job.eval_max_tokens, self.job.eos_id,
                                         config.max_position_embeddings, self.parallel)
                for name, documents in eval_sets}

    def _checkpoint(self, optimizer, step, samples, blocks, lr):
        weights, moments = self.parallel.full_state(optimizer)
        rng = self.parallel.gather_objects(self._rng_state())
        path = None
        if self.parallel.rank == 0:
            state = {"step": step, "samplesConsumed": samples, "dataSeed": self.job.seed, "epoch": samples // blocks,
                     "lr": lr}
            path = checkpoint.write(self.job.out, state, weights, moments, rng, self.job.base_model)
        self.parallel.barrier()
        return path

    def _rng_state(self):
        state = {"cpu": torch.get_rng_state()}
        if self.parallel.cuda:
            state["cuda"] = torch.cuda.get_rng_state(self.parallel.device)
        return state

    def _restore_rng(self, states):
        # Training draws no random numbers today (no dropout); the generators are restored so that one that does
        # continues exactly. A run resumed at another world size starts them afresh.
        if not states or len(states) != self.parallel.world_size:
            return
        mine = states[self.parallel.rank]
        torch.set_rng_state(mine["cpu"])
        if self.parallel.cuda and "cuda" in mine:
            torch.cuda.set_rng_state(mine["cuda"], self.parallel.device)
