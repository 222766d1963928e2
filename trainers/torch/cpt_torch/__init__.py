"""CPT Flow's torch training engine: the train stage's work, run by PyTorch (one process, DDP or FSDP).

It reads the pack stage's block file, trains a GPT-NeoX model as the Java (DJL) trainer does (the same block order,
schedule, AdamW groups, accumulation, clipping and held-out loss), and writes checkpoints and the final model in the
layout the rest of CPT Flow reads. See docs/architecture.md, 'The torch engine'.
"""
