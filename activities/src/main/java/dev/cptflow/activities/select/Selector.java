package dev.cptflow.activities.select;

import dev.cptflow.workflows.api.Sha256;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Data selection for ETS-DACP / ETA-DACP (see docs/architecture.md, 'Selection'), over a {@link ScoreTable}
 * held in primitive arrays.
 *
 * <ul>
 *   <li>Documents with {@code tokens < minTokens} are dropped first; the token budget is still
 *       {@code floor(budgetFraction × tokens of the whole corpus)}.
 *   <li><b>Hard, one metric:</b> score = the metric. <b>Hard, several metrics:</b> score = the weighted mean of the
 *       per-metric rank percentiles over the kept documents: sort ascending by the metric, position {@code r} (0-based),
 *       percentile = {@code r / (n − 1)} (1 when n = 1); tied values all get the mean percentile of their positions, so a
 *       higher metric gives a higher percentile.
 *   <li>Documents a selected metric finds ineligible (DSIR: fewer than 100 of its tokens) are dropped too.
 *   <li><b>Soft:</b> per metric {@code w_m = ε + (1 − ε)·(v − min)/(max − min)} over the kept documents (ε = 1e-6; a
 *       constant metric gives 1), {@code w} = the weighted mean of the {@code w_m}; key = {@code ln(w) + G} with
 *       {@code G = −ln(−ln(u))} and {@code u = ((h >>> 11) + 0.5) / 2^53} from {@code h = hash(seed, id)}
 *       (Efraimidis–Spirakis: taking the top keys samples without replacement with p ∝ w). A single metric whose
 *       values are log weights (DSIR's log importance weights) is its own {@code ln(w)}: key = {@code v + G}, DSIR's
 *       Gumbel top-k, with the noise drawn from the hash instead of numpy's global stream.
 *   <li>Rank by score (or key) descending; ties by {@code hash(seed, id)} ascending (signed), then by id.
 *       {@code hash(seed, id)} = the first 8 bytes (big-endian) of SHA-256 of the UTF-8 text {@code seed + ":" + id}.
 *   <li>Budget: with {@code budgetDocs} take the top N; with {@code budgetFraction} take documents in rank order while
 *       the cumulative tokens stay ≤ the budget, and <b>stop</b> at the first document that would overflow it (later,
 *       smaller documents are not taken).
 * </ul>
 *
 * Rows are sorted by id before anything order-dependent, so the result does not depend on input order or file splits.
 */
public final class Selector {
  public static final double EPSILON = 1e-6;

  private Selector() {}

  /**
   * @param weights per-metric weights for several metrics (missing → 1); ignored for one metric
   * @param budgetFraction fraction of the corpus tokens, in (0, 1]; exactly one of this and budgetDocs is set
   * @param lowerFirst the metrics whose lowest values rank first (the rest rank highest first)
   * @param logWeights the metrics whose values are log sampling weights (soft sampling on one of them alone draws
   *     with p ∝ exp(value))
   */
  public record SelectionRequest(List<String> metrics, Map<String, Double> weights, boolean soft, Double budgetFraction,
      Long budgetDocs, int minTokens, long seed, List<String> lowerFirst, List<String> logWeights) {

    public SelectionRequest(List<String> metrics, Map<String, Double> weights, boolean soft, Double budgetFraction,
        Long budgetDocs, int minTokens, long seed) {
      this(metrics, weights, soft, budgetFraction, budgetDocs, minTokens, seed, List.of());
    }

    public SelectionRequest(List<String> metrics, Map<String, Double> weights, boolean soft, Double budgetFraction,
        Long budgetDocs, int minTokens, long seed, List<String> lowerFirst) {
      this(metrics, weights, soft, budgetFraction, budgetDocs, minTokens, seed, lowerFirst, List.of());
    }

    public SelectionRequest {
      metrics = List.copyOf(metrics);
      weights = weights == null ? Map.of() : Map.copyOf(weights);
      lowerFirst = lowerFirst == null ? List.of() : List.copyOf(lowerFirst);
      logWeights = logWeights == null ? List.of() : List.copyOf(logWeights);
      if (!metrics.containsAll(lowerFirst) || !metrics.containsAll(logWeights)) {
        throw new IllegalArgumentException("lower-first metrics " + lowerFirst + " or log-weight metrics " + logWeights
            + " are not all selected " + metrics);
      }
      if (metrics.isEmpty()) {
        throw new IllegalArgumentException("selection needs at least one metric");
      }
      if (metrics.stream().distinct().count() != metrics.size()) {
        throw new IllegalArgumentException("metric named twice: " + metrics);
      }
      for (String metric : weights.keySet()) {
        if (!metrics.contains(metric)) {
          throw new IllegalArgumentException("weight for metric '" + metric + "' which is not selected " + metrics);
        }
      }
      for (Map.Entry<String, Double> weight : weights.entrySet()) {
        if (!(weight.getValue() > 0) || Double.isInfinite(weight.getValue())) {
          throw new IllegalArgumentException("weight of '" + weight.getKey() + "' must be > 0, got " + weight.getValue());
        }
      }
      if ((budgetFraction == null) == (budgetDocs == null)) {
        throw new IllegalArgumentException("give exactly one of a token budget fraction and a document budget");
      }
      if (budgetFraction != null && !(budgetFraction > 0 && budgetFraction <= 1)) {
        throw new IllegalArgumentException("budget: must be in (0, 1], got " + budgetFraction);
      }
      if (budgetDocs != null && budgetDocs < 0) {
        throw new IllegalArgumentException("budget docs: must be >= 0, got " + budgetDocs);
      }
      if (minTokens < 0) {
        throw new IllegalArgumentException("min tokens: must be >= 0, got " + minTokens);
      }
    }

    public double weight(String metric) {
      return weights.getOrDefault(metric, 1.0);
    }

    public String sampling() {
      return soft ? "soft" : "hard";
    }
  }

  /**
   * Summary of a selection; {@code budgetTokens} is the token budget, or -1 for a document budget;
   * {@code droppedIneligible} the documents a selected metric ruled out (beyond those under min_tokens);
   * {@code balance} the token lengths of what was picked against the corpus's, with a warning when a few documents
   * hold most of the budget.
   */
  public record SelectionSummary(long docs, long tokens, long budgetTokens, double achievedFraction, long corpusDocs,
      long corpusTokens, long droppedBelowMinTokens, long droppedIneligible, Map<String, Double> selectedMean,
      Map<String, Double> corpusMean, List<String> metrics, String sampling, long seed, SelectionBalance balance) {}

  /** The selected rows in rank order: {@code rows[k]} is a row of {@code table}, {@code weights[k]} its score or key. */
  public record Selection(ScoreTable table, int[] rows, double[] weights, SelectionSummary summary) {
    public int size() {
      return rows.length;
    }

    public String id(int rank) {
      return table.id(rows[rank]);
    }

    /** The record's own id, or null. */
    public String sourceId(int rank) {
      return table.sourceId(rows[rank]);
    }

    public int tokens(int rank) {
      return table.tokens(rows[rank]);
    }

    public double weight(int rank) {
      return weights[rank];
    }
  }

  public static Selection select(ScoreTable original, SelectionRequest request) {
    // Ranks run highest first; a lower-first metric ranks by its negation. Means are reported on the scores as they are.
    ScoreTable table = original.negated(request.lowerFirst());
    int n = table.size();
    int[] metricColumns = request.metrics().stream().mapToInt(table::metricIndex).toArray();
    double[] metricWeights = request.metrics().stream().mapToDouble(request::weight).toArray();
    int kept = 0;
    long belowMinTokens = 0;
    for (int i = 0; i < n; i++) {
      if (table.tokens(i) < request.minTokens()) {
        belowMinTokens++;
      } else if (eligible(table, metricColumns, i)) {
        kept++;
      }
    }
    int[] rows = new int[kept];
    for (int i = 0, k = 0; i < n; i++) {
      if (table.tokens(i) >= request.minTokens() && eligible(table, metricColumns, i)) {
        rows[k++] = i;
      }
    }
    // Soft keys need every row's hash. A hard ranking needs hashes only to break ties, and only inside the prefix the
    // budget reads, so the ranking computes them there on demand: combined percentile scores tie often.
    long[] hashes = request.soft() ? hashes(table, rows, request.seed()) : null;
    double[] scores;
    if (request.soft() && metricColumns.length == 1 && request.logWeights().contains(request.metrics().get(0))) {
      double[] column = table.column(metricColumns[0]);
      scores = new double[kept];
      for (int k = 0; k < kept; k++) {
        scores[k] = column[rows[k]] + gumbel(hashes[k]);
      }
    } else if (request.soft()) {
      double[] w = combinedSoftWeights(table, rows, metricColumns, metricWeights);
      scores = new double[kept];
      for (int k = 0; k < kept; k++) {
        scores[k] = softKey(w[k], hashes[k]);
      }
    } else if (metricColumns.length == 1) {
      scores = new double[kept];
      double[] column = table.column(metricColumns[0]);
      for (int k = 0; k < kept; k++) {
        scores[k] = column[rows[k]];
      }
    } else {
      scores = combinedPercentiles(table, rows, metricColumns, metricWeights);
    }
    RankSort.Ranking ranking = RankSort.ranking(scores,
        k -> hashes != null ? hashes[k] : hash(request.seed(), table.id(rows[k])),
        (a, b) -> table.id(rows[a]).compareTo(table.id(rows[b])));
    long corpusTokens = table.totalTokens();
    long budgetTokens = request.budgetFraction() == null ? -1 : (long) Math.floor(request.budgetFraction() * corpusTokens);
    int taken = 0;
    long tokens = 0;
    if (request.budgetDocs() != null) {
      taken = (int) Math.min(kept, request.budgetDocs());
      for (int r = 0; r < taken; r++) {
        tokens += table.tokens(rows[ranking.position(r)]);
      }
    } else {
      while (taken < kept && tokens + table.tokens(rows[ranking.position(taken)]) <= budgetTokens) {
        tokens += table.tokens(rows[ranking.position(taken)]);
        taken++;
      }
    }
    int[] selectedRows = new int[taken];
    double[] selectedWeights = new double[taken];
    for (int r = 0; r < taken; r++) {
      selectedRows[r] = rows[ranking.position(r)];
      selectedWeights[r] = ranking.score(r);
    }
    Map<String, Double> selectedMean = new LinkedHashMap<>();
    Map<String, Double> corpusMean = new LinkedHashMap<>();
    for (int m = 0; m < metricColumns.length; m++) {
      double[] column = original.column(metricColumns[m]);
      double all = 0;
      for (int i = 0; i < n; i++) {
        all += column[i];
      }
      double selected = 0;
      for (int row : selectedRows) {
        selected += column[row];
      }
      corpusMean.put(request.metrics().get(m), n == 0 ? Double.NaN : all / n);
      selectedMean.put(request.metrics().get(m), taken == 0 ? Double.NaN : selected / taken);
    }
    int[] selectedTokens = new int[taken];
    for (int r = 0; r < taken; r++) {
      selectedTokens[r] = table.tokens(selectedRows[r]);
    }
    SelectionSummary summary = new SelectionSummary(taken, tokens, budgetTokens,
        corpusTokens == 0 ? 0 : (double) tokens / corpusTokens, n, corpusTokens, belowMinTokens,
        n - kept - belowMinTokens, selectedMean, corpusMean, request.metrics(), request.sampling(), request.seed(),
        SelectionBalance.of(selectedTokens, table.tokenColumn()));
    return new Selection(original, selectedRows, selectedWeights, summary);
  }

  /**
   * DACP and TACP: every document of the table, in id order, with weight 1. The summary names the sampling
   * {@code all}, so a reader can tell it from a scored selection.
   */
  public static Selection everything(ScoreTable table, long seed) {
    int n = table.size();
    int[] rows = new int[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
      weights[i] = 1.0;
    }
    long tokens = table.totalTokens();
    SelectionSummary summary = new SelectionSummary(n, tokens, -1, tokens == 0 ? 0 : 1.0, n, tokens, 0, 0, Map.of(),
        Map.of(), List.of(), "all", seed, SelectionBalance.of(table.tokenColumn(), table.tokenColumn()));
    return new Selection(table, rows, weights, summary);
  }

  /** Weighted mean over metrics of the rank percentile of each kept row (ties share their mean percentile). */
  static double[] combinedPercentiles(ScoreTable table, int[] rows, int[] metricColumns, double[] metricWeights) {
    int kept = rows.length;
    double[] sum = new double[kept];
    double weightSum = 0;
    double[] values = new double[kept];
    for (int m = 0; m < metricColumns.length; m++) {
      double[] column = table.column(metricColumns[m]);
      for (int k = 0; k < kept; k++) {
        values[k] = column[rows[k]];
      }
      double[] percentiles = RankSort.percentiles(values);
      for (int k = 0; k < kept; k++) {
        sum[k] += metricWeights[m] * percentiles[k];
      }
      weightSum += metricWeights[m];
    }
    for (int k = 0; k < kept; k++) {
      sum[k] /= weightSum;
    }
    return sum;
  }

  /** Weighted mean over metrics of the min-max normalised weight in [ε, 1] of each kept row. */
  static double[] combinedSoftWeights(ScoreTable table, int[] rows, int[] metricColumns, double[] metricWeights) {
    int kept = rows.length;
    double[] w = new double[kept];
    double weightSum = 0;
    for (int m = 0; m < metricColumns.length; m++) {
      double[] column = table.column(metricColumns[m]);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int row : rows) {
        min = Math.min(min, column[row]);
        max = Math.max(max, column[row]);
      }
      for (int k = 0; k < kept; k++) {
        double normalised = max > min ? EPSILON + (1 - EPSILON) * (column[rows[k]] - min) / (max - min) : 1.0;
        w[k] += metricWeights[m] * normalised;
      }
      weightSum += metricWeights[m];
    }
    for (int k = 0; k < kept; k++) {
      w[k] /= weightSum;
    }
    return w;
  }

  /** The Efraimidis–Spirakis key {@code ln(w) + Gumbel}, the Gumbel noise drawn from the hash. */
  static double softKey(double w, long hash) {
    return Math.log(w) + gumbel(hash);
  }

  /** Standard Gumbel noise {@code −ln(−ln(u))}, u uniform in (0, 1) from the top 53 bits of the hash. */
  static double gumbel(long hash) {
    double u = ((hash >>> 11) + 0.5) / 0x1.0p53;
    return -Math.log(-Math.log(u));
  }

  private static boolean eligible(ScoreTable table, int[] metricColumns, int row) {
    for (int metric : metricColumns) {
      if (!table.eligible(metric, row)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Soft sampling of {@code docs} ids straight from given positive weights (no normalisation): the ids with the top keys.
   * For tests of the inclusion probabilities.
   */
  static List<String> sampleByWeights(String[] ids, double[] w, int docs, long seed) {
    double[] keys = new double[ids.length];
    long[] hashes = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      hashes[i] = hash(seed, ids[i]);
      keys[i] = softKey(w[i], hashes[i]);
    }
    int[] order = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      order[i] = i;
    }
    IntSort.sort(order, (a, b) -> {
      int byKey = Double.compare(keys[b], keys[a]);
      return byKey != 0 ? byKey : Long.compare(hashes[a], hashes[b]);
    });
    List<String> out = new java.util.ArrayList<>();
    for (int r = 0; r < Math.min(docs, ids.length); r++) {
      out.add(ids[order[r]]);
    }
    return out;
  }

  /** Every kept row's {@code hash(seed, id)}, computed on all cores: SHA-256 is most of a soft selection's time. */
  private static long[] hashes(ScoreTable table, int[] rows, long seed) {
    long[] hashes = new long[rows.length];
    int chunk = 1 << 16;
    IntStream.range(0, (rows.length + chunk - 1) / chunk).parallel().forEach(c -> {
      Sha256.PrefixHasher hasher = Sha256.prefixed(seed + ":");
      for (int k = c * chunk, end = Math.min(rows.length, k + chunk); k < end; k++) {
        hashes[k] = hasher.prefixLong(table.id(rows[k]));
      }
    });
    return hashes;
  }

  /** {@code hash(seed, id)}: the first 8 bytes, big-endian, of SHA-256 over UTF-8 {@code seed + ":" + id}. */
  public static long hash(long seed, String id) {
    return Sha256.prefixLong(seed + ":" + id);
  }
}
