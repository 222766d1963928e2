package dev.cptflow.activities.score;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * DSIR's hashed n-gram features (Xie et al. 2023, {@code HashedNgramDSIR} with its defaults): the text lower-cased
 * as Python's {@code str.lower()} does ({@link WordPunct#lower}), split by {@link WordPunct}, then every token and every pair of adjacent tokens joined
 * by one space counted in bucket {@code int(sha256(utf8(ngram)).hexdigest(), 16) % buckets}: the digest read as a
 * big-endian 256-bit number. A document of L tokens has 2L − 1 counts (none when L = 0).
 *
 * <p>SHA-256 is what makes DSIR slow (one per n-gram, in Python), so buckets are cached: each distinct token gets an
 * id and its bucket once, each pair of ids its bucket once. The caches are bounded (a corpus has few distinct tokens
 * but may have billions of distinct pairs): when one is full it is emptied and refills from what follows.
 *
 * <p>Not thread-safe: one per thread (a scorer, a fit).
 */
public final class DsirFeaturizer {
  /**
   * Distinct tokens kept before the vocabulary (and with it the pair cache, whose keys are its ids) starts over, at
   * the next document.
   */
  private static final int MAX_TOKENS = 1 << 20;
  /** Distinct pairs kept before the pair cache starts over. */
  private static final int MAX_PAIRS = 1 << 21;
  /** Token ids of a cached pair take 20 bits each, the bucket 20, in one long per slot (one memory access a probe). */
  private static final int ID_BITS = 20;
  private static final int MAX_BUCKETS = 1 << 20;

  /** Receives a document's bucket hits, one per n-gram, in text order. */
  public interface Hits {
    void hit(int bucket);
  }

  private final int buckets;
  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] scratch = new byte[256];

  // Vocabulary: open addressing over token text, slot = text hash << 32 | id + 1 (0 = empty).
  private long[] tokenSlots = new long[1 << 12];
  private String[] tokens = new String[1 << 11];
  private byte[][] tokenBytes = new byte[1 << 11][];
  private int[] tokenBuckets = new int[1 << 11];
  private int tokenCount;

  // Pairs: open addressing, slot = (first id << 20 | second id) + 1 << 20 | bucket (0 = empty).
  private long[] pairSlots = new long[1 << 12];
  private int pairCount;
  // In front of it, a direct-mapped cache small enough for the core's own cache: most bigram occurrences are of a
  // few frequent pairs, which then never wait on main memory.
  private final long[] recentPairs = new long[1 << 15];

  // Token text, contiguous in first-seen order (frequent tokens come first and share cache lines).
  private char[] pool = new char[1 << 14];
  private int[] poolStart = new int[1 << 11];
  private int poolEnd;

  public DsirFeaturizer(int buckets) {
    if (buckets <= 0 || buckets > MAX_BUCKETS) {
      throw new IllegalArgumentException("buckets must be in [1, " + MAX_BUCKETS + "], got " + buckets);
    }
    this.buckets = buckets;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  public int buckets() {
    return buckets;
  }

  /** Calls {@code hits} once per unigram and bigram of {@code text}; returns the number of tokens L. */
  public int features(String text, Hits hits) {
    if (tokenCount >= MAX_TOKENS) {
      clearTokens(); // between documents, so no id of the previous token goes stale
    }
    String lower = WordPunct.lower(text);
    int n = lower.length();
    int previous = -1;
    int length = 0;
    int i = 0;
    while (i < n) {
      int cp = lower.codePointAt(i);
      byte kind = WordPunct.classOf(cp);
      if (kind == WordPunct.SPACE) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int hash = 0;
      do {
        hash = 31 * hash + cp;
        i += Character.charCount(cp);
        if (i >= n) {
          break;
        }
        cp = lower.codePointAt(i);
      } while (WordPunct.classOf(cp) == kind);
      int id = tokenId(lower, start, i, hash);
      hits.hit(tokenBuckets[id]);
      if (previous >= 0) {
        hits.hit(pairBucket(previous, id));
      }
      previous = id;
      length++;
    }
    return length;
  }

  /** The bucket of one n-gram as DSIR hashes it (its text as given, not lower-cased). */
  public int bucketOf(String ngram) {
    byte[] bytes = ngram.getBytes(StandardCharsets.UTF_8);
    sha256.update(bytes);
    return finish();
  }

  /** The id of {@code text[start, end)}, added with its bucket when new. */
  private int tokenId(String text, int start, int end, int hash) {
    int length = end - start;
    int mask = tokenSlots.length - 1;
    int slot = mix(hash) & mask;
    while (true) {
      long entry = tokenSlots[slot];
      if (entry == 0) {
        break;
      }
      int id = (int) entry - 1;
      if ((int) (entry >>> 32) == hash && sameText(text, start, length, id)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (2 * (tokenCount + 1) > tokenSlots.length) {
      growTokens();
      mask = tokenSlots.length - 1;
      slot = mix(hash) & mask;
      while (tokenSlots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
    }
    String token = text.substring(start, end);
    int id = tokenCount++;
    if (id == tokens.length) {
      int size = tokens.length * 2;
      tokens = Arrays.copyOf(tokens, size);
      tokenBytes = Arrays.copyOf(tokenBytes, size);
      tokenBuckets = Arrays.copyOf(tokenBuckets, size);
      poolStart = Arrays.copyOf(poolStart, size);
    }
    if (poolEnd + length > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(2 * pool.length, poolEnd + length));
    }
    token.getChars(0, length, pool, poolEnd);
    poolStart[id] = poolEnd;
    poolEnd += length;
    tokens[id] = token;
    tokenBytes[id] = token.getBytes(StandardCharsets.UTF_8);
    sha256.update(tokenBytes[id]);
    tokenBuckets[id] = finish();
    tokenSlots[slot] = ((long) hash << 32) | (id + 1L);
    return id;
  }

  private int pairBucket(int first, int second) {
    if (first >= 1 << ID_BITS || second >= 1 << ID_BITS) { // a document with over a million distinct tokens
      return hashPair(first, second);
    }
    long key = (((long) first << ID_BITS) | second) + 1;
    int hash = mix(Long.hashCode(key * 0x9E3779B97F4A7C15L));
    int recent = hash & (recentPairs.length - 1);
    long entry = recentPairs[recent];
    if (entry >>> ID_BITS == key) {
      return (int) (entry & (MAX_BUCKETS - 1));
    }
    int mask = pairSlots.length - 1;
    int slot = hash & mask;
    while ((entry = pairSlots[slot]) != 0) {
      if (entry >>> ID_BITS == key) {
        recentPairs[recent] = entry;
        return (int) (entry & (MAX_BUCKETS - 1));
      }
      slot = (slot + 1) & mask;
    }
    int bucket = hashPair(first, second);
    recentPairs[recent] = (key << ID_BITS) | bucket;
    if (pairCount == MAX_PAIRS) {
      Arrays.fill(pairSlots, 0);
      pairCount = 0;
    } else if (2 * (pairCount + 1) > pairSlots.length) {
      growPairs();
    }
    mask = pairSlots.length - 1;
    slot = hash & mask;
    while (pairSlots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    pairSlots[slot] = (key << ID_BITS) | bucket;
    pairCount++;
    return bucket;
  }

  private int hashPair(int first, int second) {
    byte[] a = tokenBytes[first];
    byte[] b = tokenBytes[second];
    int size = a.length + 1 + b.length;
    if (size > scratch.length) {
      scratch = new byte[Math.max(size, 2 * scratch.length)];
    }
    System.arraycopy(a, 0, scratch, 0, a.length);
    scratch[a.length] = ' ';
    System.arraycopy(b, 0, scratch, a.length + 1, b.length);
    sha256.update(scratch, 0, size);
    return finish();
  }

  /** The digest of what was fed, as a big-endian number, modulo {@code buckets} (four bytes at a time). */
  private int finish() {
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    long remainder = 0;
    for (int k = 0; k < 32; k += 4) {
      long word = ((digest[k] & 0xFFL) << 24) | ((digest[k + 1] & 0xFFL) << 16) | ((digest[k + 2] & 0xFFL) << 8)
          | (digest[k + 3] & 0xFFL);
      remainder = ((remainder << 32) | word) % buckets;
    }
    return (int) remainder;
  }

  private void growTokens() {
    long[] old = tokenSlots;
    tokenSlots = new long[old.length * 2];
    int mask = tokenSlots.length - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = mix((int) (entry >>> 32)) & mask;
        while (tokenSlots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        tokenSlots[slot] = entry;
      }
    }
  }

  private void clearTokens() {
    Arrays.fill(tokenSlots, 0);
    Arrays.fill(tokens, null);
    Arrays.fill(tokenBytes, null);
    tokenCount = 0;
    poolEnd = 0;
    Arrays.fill(pairSlots, 0);
    Arrays.fill(recentPairs, 0);
    pairCount = 0;
  }

  private boolean sameText(String text, int start, int length, int id) {
    int from = poolStart[id];
    int end = id + 1 < tokenCount ? poolStart[id + 1] : poolEnd;
    if (end - from != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (pool[from + k] != text.charAt(start + k)) {
        return false;
      }
    }
    return true;
  }

  private void growPairs() {
    long[] old = pairSlots;
    pairSlots = new long[old.length * 2];
    int mask = pairSlots.length - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = mix(Long.hashCode((entry >>> ID_BITS) * 0x9E3779B97F4A7C15L)) & mask;
        while (pairSlots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        pairSlots[slot] = entry;
      }
    }
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }
}
