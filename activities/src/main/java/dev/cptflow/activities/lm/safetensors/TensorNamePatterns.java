package dev.cptflow.activities.lm.safetensors;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Name globs for tensors, e.g. {@code gpt_neox.layers.*.attention.bias}: {@code *} matches within one
 * dot-separated part of the name, everything else literally. Used to excuse the buffers that Hugging Face
 * checkpoints often carry but a model rebuilds itself.
 */
public final class TensorNamePatterns {
  private TensorNamePatterns() {}

  /** True for a name matching at least one of {@code globs}. */
  public static Predicate<String> anyOf(String... globs) {
    if (globs.length == 0) {
      return name -> false;
    }
    Pattern pattern = Pattern.compile(Arrays.stream(globs)
        .map(TensorNamePatterns::toRegex)
        .collect(Collectors.joining("|")));
    return name -> pattern.matcher(name).matches();
  }

  private static String toRegex(String glob) {
    return Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining("[^.]*"));
  }
}
