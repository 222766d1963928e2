package dev.cptflow.activities.score;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Opens the embedder named by a job's {@code embedder} setting. */
public final class Embedders {
  private static final String BUILTIN = "builtin:";
  private static final String FILE = "file:";
  private static final List<String> BUILTINS =
      List.of(OnnxEmbedder.BUILTIN_MINILM, OnnxEmbedder.BUILTIN_MINILM_INT8, HashedNgramEmbedder.SPEC);

  private Embedders() {}

  /**
   * {@code builtin:all-minilm-l6-v2}, {@code builtin:hashed-ngrams}, or a directory (a plain path,
   * {@code file:path} or a {@code file:///} URI) holding {@code model.onnx} and {@code
   * tokenizer.json}.
   */
  public static Embedder open(String spec) {
    if (spec.equals(OnnxEmbedder.BUILTIN_MINILM)) {
      return OnnxEmbedder.builtinMiniLm();
    }
    if (spec.equals(OnnxEmbedder.BUILTIN_MINILM_INT8)) {
      return OnnxEmbedder.builtinMiniLmInt8();
    }
    if (spec.equals(HashedNgramEmbedder.SPEC)) {
      return new HashedNgramEmbedder();
    }
    if (spec.startsWith(BUILTIN)) {
      throw new IllegalArgumentException(
          "unknown embedder " + spec + "; the built-in ones are " + String.join(", ", BUILTINS));
    }
    return OnnxEmbedder.fromDirectory(directory(spec));
  }

  private static Path directory(String spec) {
    if (spec.startsWith(FILE + "//")) {
      return Path.of(URI.create(spec));
    }
    return Path.of(spec.startsWith(FILE) ? spec.substring(FILE.length()) : spec);
  }
}
