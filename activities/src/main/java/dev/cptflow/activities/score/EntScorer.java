package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.StringUtil;

/**
 * {@code ent(d) = −Σ p(tag)·ln p(tag)} in nats over the UPOS tags of d's tokens (see docs/architecture.md,
 * 'Corpus and metrics'), tagged by OpenNLP's English UD-EWT tokenizer and POS models (from the opennlp-models
 * jars, never downloaded). A compound tag such as {@code PRON+AUX} counts once for each part; a document
 * without tokens scores 0.
 *
 * <p>Long documents: only the first {@code maxTokens} tokens (default {@value #DEFAULT_MAX_TOKENS})
 * are tagged, which bounds the cost per document; the tag distribution of a long prefix already
 * characterises the document.
 *
 * <p>Not thread-safe: OpenNLP's ME tokenizer and tagger keep per-call state, so each scorer holds
 * its own and must be used by one thread at a time. The models themselves are loaded once and
 * shared.
 */
public final class EntScorer implements Scorer {
  public static final int DEFAULT_MAX_TOKENS = 10_000;

  private final int maxTokens;
  private final TokenizerME tokenizer;
  private final POSTaggerME tagger;

  public EntScorer() {
    this(DEFAULT_MAX_TOKENS);
  }

  public EntScorer(int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive, not " + maxTokens);
    }
    this.maxTokens = maxTokens;
    this.tokenizer = new TokenizerME(Models.TOKENIZER);
    this.tagger = new POSTaggerME(Models.POS, POSTagFormat.UD);
  }

  @Override
  public double[] score(List<Document> batch) {
    double[] scores = new double[batch.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = tagEntropy(tags(batch.get(i).text()));
    }
    return scores;
  }

  /** The UPOS tags of the first {@code maxTokens} tokens of {@code text}. */
  public String[] tags(String text) {
    String[] tokens = tokenizer.tokenize(prefixOfChunks(text, maxTokens));
    if (tokens.length > maxTokens) {
      tokens = Arrays.copyOf(tokens, maxTokens);
    }
    return tokens.length == 0 ? tokens : tagger.tag(tokens);
  }

  /** Entropy in nats of the tag distribution; each part of a {@code +}-joined tag counts once. */
  static double tagEntropy(String[] tags) {
    Map<String, Integer> counts = new HashMap<>();
    int total = 0;
    for (String tag : tags) {
      for (String part : tag.split("\\+")) {
        if (!part.isEmpty()) {
          counts.merge(part, 1, Integer::sum);
          total++;
        }
      }
    }
    double entropy = 0;
    for (int count : counts.values()) {
      double p = (double) count / total;
      entropy -= p * Math.log(p);
    }
    return entropy;
  }

  /**
   * The text up to the end of its first {@code n} whitespace-separated chunks. TokenizerME splits
   * each chunk on its own into at least one token, so the first n tokens of this prefix are the
   * first n tokens of the whole text — without tokenizing a megabyte to keep ten thousand tokens.
   */
  private static String prefixOfChunks(String text, int n) {
    int chunks = 0;
    boolean inChunk = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = StringUtil.isWhitespace(text.charAt(i));
      if (!space && !inChunk) {
        if (chunks == n) {
          return text.substring(0, i);
        }
        chunks++;
      }
      inChunk = !space;
    }
    return text;
  }

  /** Loaded on first use and shared: OpenNLP models are immutable. */
  private static final class Models {
    static final TokenizerModel TOKENIZER =
        load("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin", TokenizerModel::new);
    static final POSModel POS = load("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin", POSModel::new);

    private interface Reader<M> {
      M read(InputStream in) throws IOException;
    }

    private static <M> M load(String resource, Reader<M> reader) {
      try (InputStream in = EntScorer.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              resource + " is not on the classpath (opennlp-models jars)");
        }
        return reader.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load OpenNLP model " + resource, e);
      }
    }
  }
}
