package dev.cptflow.activities.select;

/**
 * How far two scorings of the same documents agree on their order: Spearman's rank correlation (ties at their mean
 * rank) and the overlap of their top fractions, what a hard selection would take.
 */
public final class RankAgreement {
  private RankAgreement() {}

  /** Spearman's ρ: the Pearson correlation of the two rankings. */
  public static double spearman(double[] a, double[] b) {
    check(a, b);
    return pearson(RankSort.percentiles(a), RankSort.percentiles(b));
  }

  /** The share of {@code a}'s top {@code fraction} (by count, highest first) that is also in {@code b}'s. */
  public static double topOverlap(double[] a, double[] b, double fraction) {
    check(a, b);
    int k = (int) Math.max(1, Math.round(fraction * a.length));
    boolean[] inA = top(a, k);
    boolean[] inB = top(b, k);
    int both = 0;
    for (int i = 0; i < a.length; i++) {
      if (inA[i] && inB[i]) {
        both++;
      }
    }
    return (double) both / k;
  }

  private static boolean[] top(double[] values, int k) {
    int[] order = RankSort.descending(values, i -> i, Integer::compare);
    boolean[] top = new boolean[values.length];
    for (int r = 0; r < k && r < order.length; r++) {
      top[order[r]] = true;
    }
    return top;
  }

  private static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static void check(double[] a, double[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("rankings of " + a.length + " and " + b.length + " documents");
    }
  }
}
