"""``python train.py --job JOB.json [--parallel auto|single|ddp|fsdp] [--precision auto|fp32|bf16]
[--activation-checkpointing] [--exit-with-stdin]``, once per rank (torchrun starts the ranks).

Exit status 0: trained; 2: the job cannot run as given (one line on stderr, and an ``error`` event); 1: it failed.
"""
import argparse
import os
import signal
import stat
import sys
import threading
import traceback

from .job import Job, JobError
from .parallel import Parallel
from .progress import Progress
from .trainer import Trainer


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cpt-torch-trainer", description=__doc__)
    parser.add_argument("--job", required=True, help="the training job (JSON) the worker wrote")
    parser.add_argument("--parallel", default="auto", choices=["auto", "single", "ddp", "fsdp"],
                        help="auto: FSDP for models above 0.9B parameters on several GPUs, else DDP (one process: none)")
    parser.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16"],
                        help="auto: bf16 mixed precision on GPUs that have it, float32 elsewhere")
    parser.add_argument("--activation-checkpointing", action="store_true",
                        help="recompute each layer's activations in backward, for memory")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="kill this process group when stdin closes: the worker that started it is gone")
    args = parser.parse_args(argv)
    if args.exit_with_stdin:
        _exit_with_stdin()
    try:
        job = Job.read(args.job)
        parallel = Parallel(args.parallel, args.precision)
    except JobError as error:
        return _refuse(error, None)
    except ValueError as error:
        return _refuse(error, None)
    try:
        Trainer(job, parallel, args.activation_checkpointing).train()
        return 0
    except (JobError, ValueError, FileNotFoundError) as error:
        return _refuse(error, job if parallel.rank == 0 else None)
    except Exception:  # noqa: BLE001 - the whole trace goes to the log the worker keeps
        traceback.print_exc()
        return 1
    finally:
        parallel.close()


def _refuse(error, job):
    print(f"cpt-torch: {error}", file=sys.stderr, flush=True)
    if job is not None:
        Progress(job.out, True).event("error", message=str(error))
    return 2


def _exit_with_stdin():
    """The worker holds the write end of our stdin; when it dies (even by SIGKILL) the pipe closes and this process
    group goes with it, so no orphaned trainer keeps a GPU. Only a pipe counts: srun gives other tasks /dev/null."""
    if not stat.S_ISFIFO(os.fstat(0).st_mode):
        return

    def watch():
        # The raw descriptor, not sys.stdin: a daemon thread blocked in a buffered read aborts interpreter shutdown.
        while os.read(0, 65536):
            pass
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, name="exit-with-stdin", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
