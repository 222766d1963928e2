package dev.cptflow.activities.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns GPT-2/GPT-NeoX style byte-level BPE merges from text, deterministically.
 *
 * <p>Text is NFC-normalized and split with the GPT-2 regex exactly as the tokenizer.json we write
 * will do at encode time, so every learned merge is reachable by HF's engine. Merging picks the most
 * frequent adjacent pair, ties going to the smaller (left id, right id); pair counts are kept up to
 * date incrementally, touching only the words that contain the merged pair, because rescanning the
 * corpus per merge is far too slow for vocabularies of thousands.
 */
public final class ByteLevelBpeTrainer {
  /** GPT-2's pre-tokenizer; Unicode {@code \s} as in HF's (Oniguruma) version of it. */
  static final Pattern GPT2_SPLIT =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  private static final int BYTE_SYMBOLS = 256;

  private final List<String> tokens = new ArrayList<>(ByteLevelAlphabet.symbolsInCodePointOrder());
  private final Map<String, Integer> tokenIds = new HashMap<>();
  private final List<String> merges = new ArrayList<>();
  private final Set<Long> mergedPairs = new HashSet<>();
  private final Map<Long, PairStat> pairs = new HashMap<>();
  private final PriorityQueue<Candidate> queue =
      new PriorityQueue<>(
          Comparator.comparingLong(Candidate::count).reversed().thenComparingLong(Candidate::pair));
  private int[][] words;
  private int[] wordLengths;
  private long[] wordCounts;

  private ByteLevelBpeTrainer() {
    for (int id = 0; id < tokens.size(); id++) {
      tokenIds.put(tokens.get(id), id);
    }
  }

  /**
   * Learns merges until the vocabulary holds {@code maxTokens} tokens (byte symbols included) or no
   * pair occurs twice any more.
   *
   * @param maxTokens at least 256; special tokens are not counted here
   */
  public static BpeVocabulary train(List<String> texts, int maxTokens) {
    if (maxTokens < BYTE_SYMBOLS) {
      throw new IllegalArgumentException(
          "a byte-level BPE vocabulary needs at least " + BYTE_SYMBOLS + " tokens, got " + maxTokens);
    }
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer();
    trainer.loadWords(countPreTokens(texts));
    trainer.learn(maxTokens);
    return new BpeVocabulary(trainer.tokens, trainer.merges);
  }

  /** Pre-token frequencies, sorted so that word indices (and so the whole run) are reproducible. */
  private static TreeMap<String, Long> countPreTokens(List<String> texts) {
    TreeMap<String, Long> counts = new TreeMap<>();
    for (String text : texts) {
      Matcher m = GPT2_SPLIT.matcher(Normalizer.normalize(text, Normalizer.Form.NFC));
      while (m.find()) {
        counts.merge(m.group(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private void loadWords(TreeMap<String, Long> preTokens) {
    words = new int[preTokens.size()][];
    wordLengths = new int[preTokens.size()];
    wordCounts = new long[preTokens.size()];
    int w = 0;
    for (Map.Entry<String, Long> e : preTokens.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] symbols = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        symbols[i] = tokenIds.get(String.valueOf(ByteLevelAlphabet.symbol(bytes[i] & 0xFF)));
      }
      words[w] = symbols;
      wordLengths[w] = symbols.length;
      wordCounts[w] = e.getValue();
      addPairs(w, -1);
      w++;
    }
    pairs.forEach((pair, stat) -> queue.add(new Candidate(pair, stat.count)));
  }

  private void learn(int maxTokens) {
    while (tokens.size() < maxTokens) {
      Candidate top = queue.poll();
      if (top == null) {
        return;
      }
      PairStat stat = pairs.get(top.pair());
      long current = stat == null ? 0 : stat.count;
      if (current != top.count()) {
        // Counts of old pairs only fall, so a stale entry is re-queued at its true count.
        if (current > 0) {
          queue.add(new Candidate(top.pair(), current));
        }
        continue;
      }
      if (current < 2) {
        return;
      }
      if (mergedPairs.add(top.pair())) {
        merge(top.pair(), stat);
      }
    }
  }

  private void merge(long pair, PairStat stat) {
    int left = (int) (pair >>> 32);
    int right = (int) pair;
    String merged = tokens.get(left) + tokens.get(right);
    // Two different pairs can spell the same string ("a"+"bc", "ab"+"c"); like HF, they share an id.
    Integer existing = tokenIds.get(merged);
    int newId = existing != null ? existing : tokens.size();
    if (existing == null) {
      tokens.add(merged);
      tokenIds.put(merged, newId);
    }
    merges.add(tokens.get(left) + " " + tokens.get(right));

    Set<Long> touched = new HashSet<>();
    // A copy: the per-word updates below add to the pair sets. Order is irrelevant, counts are sums.
    for (int w : new ArrayList<>(stat.words)) {
      if (!contains(w, left, right)) {
        continue;
      }
      removePairs(w);
      replace(w, left, right, newId);
      touched.addAll(addPairs(w, newId));
    }
    pairs.remove(pair);
    for (long p : touched) {
      PairStat s = pairs.get(p);
      if (s != null && s.count > 0) {
        queue.add(new Candidate(p, s.count));
      }
    }
  }

  private boolean contains(int w, int left, int right) {
    int[] s = words[w];
    for (int i = 0; i + 1 < wordLengths[w]; i++) {
      if (s[i] == left && s[i + 1] == right) {
        return true;
      }
    }
    return false;
  }

  /** Replaces every non-overlapping occurrence, left to right, as HF's encoder applies a merge. */
  private void replace(int w, int left, int right, int newId) {
    int[] s = words[w];
    int out = 0;
    for (int i = 0; i < wordLengths[w]; i++) {
      if (i + 1 < wordLengths[w] && s[i] == left && s[i + 1] == right) {
        s[out++] = newId;
        i++;
      } else {
        s[out++] = s[i];
      }
    }
    wordLengths[w] = out;
  }

  private void removePairs(int w) {
    int[] s = words[w];
    for (int i = 0; i + 1 < wordLengths[w]; i++) {
      pairs.get(key(s[i], s[i + 1])).count -= wordCounts[w];
    }
  }

  /** Adds the word's pairs to the counts; returns the pairs that contain {@code withId}. */
  private List<Long> addPairs(int w, int withId) {
    List<Long> withNew = new ArrayList<>();
    int[] s = words[w];
    for (int i = 0; i + 1 < wordLengths[w]; i++) {
      long p = key(s[i], s[i + 1]);
      PairStat stat = pairs.computeIfAbsent(p, k -> new PairStat());
      stat.count += wordCounts[w];
      stat.words.add(w);
      if (s[i] == withId || s[i + 1] == withId) {
        withNew.add(p);
      }
    }
    return withNew;
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** How often a pair occurs, and which words may hold it (a superset: words are not removed). */
  private static final class PairStat {
    long count;
    final Set<Integer> words = new HashSet<>();
  }

  /** A queue entry; may be stale, the true count lives in {@link #pairs}. */
  private record Candidate(long pair, long count) {}
}
