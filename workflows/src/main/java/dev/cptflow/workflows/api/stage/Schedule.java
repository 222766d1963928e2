package dev.cptflow.workflows.api.stage;

/** Learning-rate schedule after warmup. */
public enum Schedule implements SpecEnum {
  COSINE,
  CONSTANT
}
