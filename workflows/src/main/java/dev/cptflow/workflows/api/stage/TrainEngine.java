package dev.cptflow.workflows.api.stage;

/**
 * What trains a variant: {@code djl}, the Java trainer in the worker's own process (one device, float32), or
 * {@code torch}, PyTorch's distributed stack (DDP or FSDP, bf16 on GPUs) started by the worker's launch template.
 * Both read the same blocks in the same order and write the same checkpoints and final model.
 */
public enum TrainEngine implements SpecEnum {
  DJL,
  TORCH
}
