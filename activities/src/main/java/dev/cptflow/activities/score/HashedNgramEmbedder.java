package dev.cptflow.activities.score;

import java.util.Arrays;
import java.util.List;

/**
 * {@code builtin:hashed-ngrams}: an L2-normalised TF-IDF vector of word unigrams and bigrams, hashed into 2^18
 * buckets. A dependency-free, fast lexical stand-in for a neural embedder.
 *
 * <p>Weight of an n-gram seen {@code tf} times: {@code (1 + ln tf) × idf}, with {@code idf} from the corpus's document
 * frequencies ({@link DocumentFrequencies}, the metric's corpus fit); without them every idf is 1. Raw counts would let
 * {@code the}, {@code of} and their bigrams dominate every cosine, so that a long document, whose counts look like
 * average English, and any text full of function words would look like the task text: the logarithm damps repeats
 * and the idf takes the weight off what every document has.
 *
 * <p>Tokens: maximal runs of code points for which {@link Character#isLetterOrDigit(int)} holds;
 * everything else separates tokens. Each code point is lower-cased with {@link
 * Character#toLowerCase(int)} (locale-independent). A bigram is two adjacent tokens joined by one
 * space.
 *
 * <p>Hash: 64-bit FNV-1a over the UTF-8 bytes of the unigram ({@code "bank"}) or bigram ({@code
 * "river bank"}); bucket = {@code (h ^ (h >>> 32))} masked to the low 18 bits. Being defined on
 * bytes, not on {@link String#hashCode()}, the buckets are the same on every JVM and run.
 *
 * <p>The text is scanned once, char by char, hashing on the fly (no regex, no substrings): the only
 * allocations per document are the bucket list and the result. Immutable, so thread-safe.
 */
public final class HashedNgramEmbedder implements Embedder {
  public static final String SPEC = "builtin:hashed-ngrams";
  public static final int BITS = 18;
  public static final int DIMENSION = 1 << BITS;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int MASK = DIMENSION - 1;

  /** Per bucket; null: every n-gram weighs 1. */
  private final float[] idf;

  /** Sublinear term frequencies alone, every idf 1 (no corpus statistics). */
  public HashedNgramEmbedder() {
    this.idf = null;
  }

  /** Sublinear TF × IDF with the corpus's document frequencies. */
  public HashedNgramEmbedder(DocumentFrequencies frequencies) {
    if (frequencies.counts().length != DIMENSION) {
      throw new IllegalArgumentException("document frequencies of " + frequencies.counts().length + " buckets, not "
          + DIMENSION);
    }
    this.idf = frequencies.idf();
  }

  /** Counts, in {@code df}, each bucket {@code text} touches once (the corpus fit's pass over a document). */
  public static void countDocument(String text, int[] df) {
    SparseVector counts = counts(text);
    for (int index : counts.indices()) {
      df[index]++;
    }
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  /** Dense rows of 2^18 floats (1 MiB each): prefer {@link #embedSparse} where possible. */
  @Override
  public float[][] embed(List<String> texts) {
    float[][] rows = new float[texts.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = embedSparse(texts.get(i)).toDense(DIMENSION);
    }
    return rows;
  }

  /** The unit vector of {@code text}; empty (all zero) when the text has no token. */
  public SparseVector embedSparse(String text) {
    SparseVector counts = counts(text);
    int[] indices = counts.indices();
    float[] weights = counts.values();
    double squares = 0;
    for (int k = 0; k < indices.length; k++) {
      float weight = (float) (1 + Math.log(weights[k]));
      if (idf != null) {
        weight *= idf[indices[k]];
      }
      weights[k] = weight;
      squares += (double) weight * weight;
    }
    float inverseNorm = indices.length == 0 ? 0f : (float) (1.0 / Math.sqrt(squares));
    for (int k = 0; k < indices.length; k++) {
      weights[k] *= inverseNorm;
    }
    return counts;
  }

  /** The raw n-gram counts of {@code text}, by bucket. */
  static SparseVector counts(String text) {
    int[] buckets = new int[64];
    int n = 0;
    long uni = FNV_OFFSET; // hash of the token being read
    long bi = 0; // hash of "previous token + space + token being read"
    boolean inToken = false;
    boolean hasPrevious = false;
    long previous = 0; // final hash of the previous token
    int len = text.length();
    for (int i = 0; i < len; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (!inToken) {
          inToken = true;
          uni = FNV_OFFSET;
          bi = hasPrevious ? fnvByte(previous, ' ') : 0;
        }
        cp = Character.toLowerCase(cp);
        uni = fnvCodePoint(uni, cp);
        if (hasPrevious) {
          bi = fnvCodePoint(bi, cp);
        }
      } else if (inToken) {
        if (n + 2 > buckets.length) {
          buckets = Arrays.copyOf(buckets, buckets.length * 2);
        }
        buckets[n++] = bucket(uni);
        if (hasPrevious) {
          buckets[n++] = bucket(bi);
        }
        previous = uni;
        hasPrevious = true;
        inToken = false;
      }
    }
    if (inToken) {
      if (n + 2 > buckets.length) {
        buckets = Arrays.copyOf(buckets, buckets.length + 2);
      }
      buckets[n++] = bucket(uni);
      if (hasPrevious) {
        buckets[n++] = bucket(bi);
      }
    }
    return countBuckets(buckets, n);
  }

  /** The bucket of one already-lower-cased token or bigram, exposed to pin the hash in tests. */
  static int bucketOf(String ngram) {
    long h = FNV_OFFSET;
    for (int i = 0; i < ngram.length(); ) {
      int cp = ngram.codePointAt(i);
      i += Character.charCount(cp);
      h = fnvCodePoint(h, cp);
    }
    return bucket(h);
  }

  private static SparseVector countBuckets(int[] buckets, int n) {
    Arrays.sort(buckets, 0, n);
    int[] indices = new int[n];
    float[] counts = new float[n];
    int unique = 0;
    for (int k = 0; k < n; k++) {
      if (unique > 0 && indices[unique - 1] == buckets[k]) {
        counts[unique - 1]++;
      } else {
        indices[unique] = buckets[k];
        counts[unique++] = 1;
      }
    }
    return new SparseVector(Arrays.copyOf(indices, unique), Arrays.copyOf(counts, unique));
  }

  private static int bucket(long h) {
    return (int) (h ^ (h >>> 32)) & MASK;
  }

  /** Feeds the UTF-8 encoding of {@code cp} to the hash. */
  private static long fnvCodePoint(long h, int cp) {
    if (cp < 0x80) {
      return fnvByte(h, cp);
    }
    if (cp < 0x800) {
      h = fnvByte(h, 0xC0 | (cp >>> 6));
    } else {
      if (cp < 0x10000) {
        h = fnvByte(h, 0xE0 | (cp >>> 12));
      } else {
        h = fnvByte(h, 0xF0 | (cp >>> 18));
        h = fnvByte(h, 0x80 | ((cp >>> 12) & 0x3F));
      }
      h = fnvByte(h, 0x80 | ((cp >>> 6) & 0x3F));
    }
    return fnvByte(h, 0x80 | (cp & 0x3F));
  }

  private static long fnvByte(long h, int b) {
    return (h ^ (b & 0xFF)) * FNV_PRIME;
  }
}
