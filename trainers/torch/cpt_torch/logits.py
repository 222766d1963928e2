"""``python -m cpt_torch.logits DIR --tokens 1,2,3 --out FILE``: the logits of one token sequence as JSON
``{tokens, shape, logits}``, the format of ``cpt model logits``, so the two engines' models can be compared."""
import argparse
import json
import sys

import torch

from . import model as neox


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cpt_torch.logits", description=__doc__)
    parser.add_argument("model", help="a Hugging Face GPT-NeoX directory")
    parser.add_argument("--tokens", required=True, help="comma-separated token ids")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    tokens = [int(token) for token in args.tokens.split(",")]
    loaded = neox.load(args.model).eval()
    with torch.no_grad():
        logits = loaded(torch.tensor([tokens], dtype=torch.int64))
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump({"tokens": tokens, "shape": list(logits.shape), "logits": logits.reshape(-1).tolist()}, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
