package dev.cptflow.workflows.spec;

import java.util.List;

/**
 * The model to continue pre-training, the small proxy that scores perplexity, and the embedder that scores
 * similarity. Each is a URI or path; the embedder may also name a built-in model.
 */
public record ModelSpec(String base, String proxy, String embedder) {

  public static final String BUILTIN_PREFIX = "builtin:";
  public static final String DEFAULT_EMBEDDER = "builtin:all-minilm-l6-v2";
  public static final List<String> BUILTIN_EMBEDDERS = List.of(DEFAULT_EMBEDDER, "builtin:all-minilm-l6-v2-int8",
      "builtin:hashed-ngrams");
}
