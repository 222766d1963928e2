#!/usr/bin/env python3
"""Reference check of CPT Flow's GPT-NeoX against Hugging Face transformers.

Needs a machine with Python, torch and transformers (none of it is needed by CPT Flow itself):

    ./cpt model init --preset pythia-70m --seed 1 --out /tmp/p70m
    python3 scripts/compare_hf.py --model /tmp/p70m            # logits, F32, max |diff| <= 1e-4
    python3 scripts/compare_hf.py --model /tmp/p70m --train-steps 20 --device cuda   # also time HF training

It asks `cpt model logits` for our logits of a fixed token sequence, runs GPTNeoXForCausalLM on the same
ids in float32, and prints the largest absolute difference. Exit status 1 when it exceeds the tolerance.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="model directory written by cpt model init (or any Pythia dir)")
    parser.add_argument("--cpt", default=os.path.join(os.path.dirname(__file__), "..", "cpt"), help="path to the cpt launcher")
    parser.add_argument("--length", type=int, default=64, help="tokens in the compared sequence")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--train-steps", type=int, default=0, help="also time this many HF training steps")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    import torch
    from transformers import GPTNeoXForCausalLM

    config = json.load(open(os.path.join(args.model, "config.json")))
    generator = torch.Generator().manual_seed(0)
    tokens = torch.randint(1, min(config["vocab_size"], 1000), (args.length,), generator=generator).tolist()

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "logits.json")
        subprocess.run([args.cpt, "model", "logits", args.model, "--tokens", ",".join(map(str, tokens)), "--out", out], check=True)
        ours = json.load(open(out))
    ours_logits = torch.tensor(ours["logits"], dtype=torch.float32).reshape(ours["shape"])

    model = GPTNeoXForCausalLM.from_pretrained(args.model, torch_dtype=torch.float32).eval()
    with torch.no_grad():
        theirs = model(torch.tensor([tokens])).logits
    diff = (theirs - ours_logits).abs().max().item()
    print(f"max |logit difference| over {args.length} tokens: {diff:.3e} (tolerance {args.tolerance:.0e})")

    if args.train_steps:
        model = model.to(args.device).train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), weight_decay=0.01)
        batch = torch.randint(1, config["vocab_size"], (4, 256), generator=generator).to(args.device)
        start = None
        for step in range(args.train_steps + 1):
            if step == 1:
                if args.device.startswith("cuda"):
                    torch.cuda.synchronize()
                start = time.time()
            loss = model(batch, labels=batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad()
        if args.device.startswith("cuda"):
            torch.cuda.synchronize()
        elapsed = time.time() - start
        print(f"HF training on {args.device}: {args.train_steps * batch.numel() / elapsed:,.0f} tokens/s")

    sys.exit(0 if diff <= args.tolerance else 1)


if __name__ == "__main__":
    main()
