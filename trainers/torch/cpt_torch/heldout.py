"""Held-out loss as the Java trainer measures it (LmScorer.corpusNll): each document read after an EOS, its first
``max_tokens`` tokens scored, NLL summed over every scored token and divided by their count."""
import math

import torch

# Padded tokens per forward pass: full logits over a 50k vocabulary at 2,048 tokens are 400 MB in float32.
TOKEN_BUDGET = 2048
MAX_BATCH = 64


def batches(lengths, token_budget=TOKEN_BUDGET, max_batch=MAX_BATCH):
    """Indices grouped longest first into batches of at most ``token_budget`` padded tokens (LengthBatches.java)."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    groups, current, longest = [], [], 0
    for index in order:
        widest = max(longest, lengths[index])
        if current and (widest * (len(current) + 1) > token_budget or len(current) == max_batch):
            groups.append(current)
            current, widest = [], lengths[index]
        current.append(index)
        longest = widest
    if current:
        groups.append(current)
    return groups


def corpus_nll(model, documents, max_tokens, eos_id, max_positions, parallel):
    """Every rank scores its share of the batches (all ranks run as many forward passes, as FSDP needs)."""
    max_tokens = min(max_tokens, max_positions - 1)
    sequences = [[eos_id] + list(document[:max_tokens]) for document in documents if len(document) > 0]
    groups = batches([len(sequence) - 1 for sequence in sequences])
    per_rank = -(-len(groups) // parallel.world_size)
    mine = groups[parallel.rank::parallel.world_size]
    total, tokens = 0.0, 0
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for position in range(per_rank):
            # A rank short of batches repeats its first (or the very first) and throws the result away.
            real = position < len(mine)
            group = mine[position] if real else (mine[0] if mine else groups[0])
            width = max(len(sequences[i]) - 1 for i in group)
            inputs = torch.zeros(len(group), width, dtype=torch.int64)
            targets = torch.zeros(len(group), width, dtype=torch.int64)
            mask = torch.zeros(len(group), width, dtype=torch.bool)
            for row, index in enumerate(group):
                sequence = torch.tensor(sequences[index], dtype=torch.int64)
                length = len(sequence) - 1
                inputs[row, :length] = sequence[:-1]
                targets[row, :length] = sequence[1:]
                mask[row, :length] = True
            # Right padding: a causal model never lets a real position see a padded one.
            with parallel.autocast():
                logits = model(inputs.to(parallel.device))
            log_probs = torch.log_softmax(logits.float(), dim=-1).gather(-1, targets.to(parallel.device)[..., None])[..., 0]
            if real:
                total -= log_probs.cpu()[mask].double().sum().item()
                tokens += int(mask.sum())
    model.train(was_training)
    total, tokens = parallel.sum([total, float(tokens)])
    return total / tokens if tokens else math.nan
