"""Small inputs the tests build in a temporary directory: a tiny model, random blocks, a job."""
import json
import os
import random
import struct

from cpt_torch import checkpoint, model as neox

TINY = {"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "vocab_size": 64, "hidden_size": 32,
        "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64, "hidden_act": "gelu",
        "rotary_pct": 0.5, "rotary_emb_base": 10000, "layer_norm_eps": 1e-5, "use_parallel_residual": True,
        "max_position_embeddings": 128, "tie_word_embeddings": False, "bos_token_id": 0, "eos_token_id": 0}


def tiny_model(directory, seed=1, **overrides):
    """A tiny GPT-NeoX with seeded random weights, saved as an HF directory."""
    os.makedirs(directory, exist_ok=True)
    config = dict(TINY, **overrides)
    with open(os.path.join(directory, "config.json"), "w", encoding="utf-8") as file:
        json.dump(config, file)
    with open(os.path.join(directory, "tokenizer.json"), "w", encoding="utf-8") as file:
        file.write("{}")
    module = neox.initialise(neox.GptNeoX(neox.NeoXConfig.read(directory)), seed)
    checkpoint.write_model(directory, {name: p.detach() for name, p in module.named_parameters()}, directory)
    return directory


def blocks(directory, count, seq_len, seed=2, vocab=64):
    """``count`` random blocks in the pack stage's format."""
    os.makedirs(directory, exist_ok=True)
    generator = random.Random(seed)
    tokens = [generator.randrange(1, vocab) for _ in range(count * seq_len)]
    with open(os.path.join(directory, "blocks.int32"), "wb") as file:
        file.write(struct.pack(f"<{len(tokens)}i", *tokens))
    with open(os.path.join(directory, "blocks.json"), "w", encoding="utf-8") as file:
        json.dump({"seqLen": seq_len, "blocks": count, "tokens": count * seq_len, "documents": count,
                   "droppedTokens": 0, "eosId": 0, "tokenizerSha256": "test"}, file)
    return directory


def job(directory, base, block_dir, resume=None, eval_sets=(), **config):
    """A job file as the worker writes it; ``config`` overrides the hyper-parameters."""
    values = {"steps": 6, "schedule_steps": 6, "micro_batch": 2, "grad_accum": 2, "lr": 3e-3, "min_lr_ratio": 0.1,
              "warmup": 0.2, "cosine": True, "weight_decay": 0.01, "clip_norm": 1.0, "checkpoint_every": 3,
              "eval_every": 3, "seed": 9, "eval_max_tokens": 16}
    values.update(config)
    out = os.path.join(directory, "out")
    sets = []
    for name, documents in eval_sets:
        path = os.path.join(directory, name + ".json")
        with open(path, "w", encoding="utf-8") as file:
            json.dump(documents, file)
        sets.append({"name": name, "tokens": path})
    path = os.path.join(directory, "job.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"base_model": base, "resume": resume, "blocks": block_dir, "out": out, "eos_id": 0,
                   "eval_sets": sets, "config": values}, file)
    return path, out
