"""``python -m cpt_torch.bench --model DIR --blocks DIR --batch B --iterations N --grad-accum A``: tokens/s of the
torch engine's scoring (held-out loss, as the trainer measures it) and of bare eager PyTorch on the same shapes
(a forward pass to full logits; forward, loss and backward), on the blocks' first rows, as one JSON line.

``cpt bench lm --engine torch`` runs it beside the real trainer's steps; training through the trainer is timed from
its own progress lines.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F

from . import heldout, model as neox
from .blocks import BlockFile
from .parallel import Parallel


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cpt_torch.bench", description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--blocks", required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--iterations", type=int, required=True, help="measured batches, after one warm-up")
    parser.add_argument("--grad-accum", type=int, required=True, help="batches per training step")
    args = parser.parse_args(argv)
    blocks = BlockFile(args.blocks)
    count = (args.iterations + 1) * args.grad_accum
    batches = [blocks.batch(range(i * args.batch, (i + 1) * args.batch)) for i in range(count)]
    tokens_per_batch = args.batch * (blocks.seq_len - 1)
    model = neox.load(args.model)
    result = {"threads": torch.get_num_threads(), "torch": torch.__version__}

    model.eval()
    with torch.no_grad():
        start = 0.0
        for i in range(args.iterations + 1):
            if i == 1:
                start = time.perf_counter()
            model(batches[i][:, :-1])
        result["raw_forward"] = args.iterations * tokens_per_batch / (time.perf_counter() - start)

    documents = [row[1:].tolist() for batch in batches[:args.iterations + 1] for row in batch]
    parallel = Parallel()
    heldout.corpus_nll(model, documents[:args.batch], blocks.seq_len, 0, model.config.max_position_embeddings, parallel)
    start = time.perf_counter()
    heldout.corpus_nll(model, documents[args.batch:], blocks.seq_len, 0, model.config.max_position_embeddings, parallel)
    result["score"] = args.iterations * tokens_per_batch / (time.perf_counter() - start)

    model.train()
    start = 0.0
    for i, batch in enumerate(batches):
        if i == args.grad_accum:
            start = time.perf_counter()
        logits = model(batch[:, :-1])
        F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1)).backward()
        model.zero_grad(set_to_none=True)
    result["raw_forward_backward"] = args.iterations * args.grad_accum * tokens_per_batch / (time.perf_counter() - start)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
