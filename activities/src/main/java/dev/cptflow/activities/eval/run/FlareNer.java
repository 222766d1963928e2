package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.metric.EntityCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * FLARE's NER scoring, ported line for line so that the same generations give FLARE's numbers: PIXIU
 * {@code src/tasks/utils.py process_text} maps the generated {@code entity, TYPE} lines back to BIO tags over the
 * sentence's whitespace tokens, and seqeval ({@code get_entities}, default mode) reads entity spans out of the tags.
 *
 * <p>FLARE's rules, quirks included: each line is split on ", " and the type is the last part, taken as written
 * (a lower-case "per" is a type of its own, so a wrong prediction); an entity is found by substring search in the
 * sentence, case-sensitive, every occurrence labelled (a later one overwrites), a match that starts inside a word
 * labels from the next word on, and a match that ends in the sentence's last word is not labelled at all (FLARE
 * looks for the word after it and gives up); an entity not in the sentence is ignored.
 */
final class FlareNer {
  private FlareNer() {}

  /** The generation's BIO tags over {@code text}'s whitespace tokens. */
  static List<String> tags(String generated, String text) {
    List<String> words = pythonSplit(text);
    String[] labels = new String[words.size()];
    Arrays.fill(labels, "O");
    int[] starts = new int[words.size()];
    for (int i = 1; i < words.size(); i++) {
      starts[i] = starts[i - 1] + words.get(i - 1).length() + 1;
    }
    for (String line : generated.split("\n", -1)) {
      String[] parts = line.split(", ", -1);
      String entity = String.join(", ", Arrays.asList(parts).subList(0, parts.length - 1));
      String type = parts[parts.length - 1];
      if (entity.isEmpty()) {
        continue;
      }
      for (int start = text.indexOf(entity); start >= 0; ) {
        int end = start + entity.length() - 1;
        int startWord = firstAtOrAfter(starts, start, false);
        int endWord = firstAtOrAfter(starts, end, true);
        if (startWord >= 0 && endWord >= 0) {
          labels[startWord] = "B-" + type;
          for (int i = startWord + 1; i < endWord; i++) {
            labels[i] = "I-" + type;
          }
        }
        start = text.indexOf(entity, end + 1);
      }
    }
    return List.of(labels);
  }

  /** Correct, predicted and gold entity spans of one sentence. */
  static EntityCounts counts(List<String> gold, List<String> predicted) {
    Set<List<Object>> goldSpans = new HashSet<>(entities(gold));
    List<List<Object>> predictedSpans = entities(predicted);
    int correct = (int) predictedSpans.stream().filter(goldSpans::contains).count();
    return new EntityCounts(correct, predictedSpans.size(), goldSpans.size());
  }

  /** seqeval's {@code get_entities} (prefix tags, no suffix): (type, first, last) of each chunk. */
  static List<List<Object>> entities(List<String> tags) {
    List<List<Object>> chunks = new ArrayList<>();
    char previousTag = 'O';
    String previousType = "";
    int begin = 0;
    for (int i = 0; i <= tags.size(); i++) {
      String chunk = i < tags.size() ? tags.get(i) : "O";
      char tag = chunk.isEmpty() ? 'O' : chunk.charAt(0);
      String rest = chunk.isEmpty() ? "" : chunk.substring(1);
      int dash = rest.indexOf('-');
      String type = dash >= 0 ? rest.substring(dash + 1) : rest;
      if (type.isEmpty()) {
        type = "_";
      }
      if (endOfChunk(previousTag, tag, previousType, type)) {
        chunks.add(List.of(previousType, begin, i - 1));
      }
      if (startOfChunk(previousTag, tag, previousType, type)) {
        begin = i;
      }
      previousTag = tag;
      previousType = type;
    }
    return List.copyOf(new LinkedHashSet<>(chunks));
  }

  private static boolean endOfChunk(char previousTag, char tag, String previousType, String type) {
    return previousTag == 'E' || previousTag == 'S'
        || (previousTag == 'B' || previousTag == 'I') && (tag == 'B' || tag == 'S' || tag == 'O')
        || previousTag != 'O' && previousTag != '.' && !previousType.equals(type);
  }

  private static boolean startOfChunk(char previousTag, char tag, String previousType, String type) {
    return tag == 'B' || tag == 'S'
        || (previousTag == 'E' || previousTag == 'S' || previousTag == 'O') && (tag == 'E' || tag == 'I')
        || tag != 'O' && tag != '.' && !previousType.equals(type);
  }

  /** The first word whose start is at or after {@code position} (strictly after when {@code strict}), or -1. */
  private static int firstAtOrAfter(int[] starts, int position, boolean strict) {
    for (int i = 0; i < starts.length; i++) {
      if (strict ? starts[i] > position : starts[i] >= position) {
        return i;
      }
    }
    return -1;
  }

  /** Python's {@code str.split()}: runs of whitespace separate, none at the ends. */
  static List<String> pythonSplit(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < text.length() && !isSpace(text.charAt(i))) {
        i++;
      }
      if (i > from) {
        words.add(text.substring(from, i));
      }
    }
    return words;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
