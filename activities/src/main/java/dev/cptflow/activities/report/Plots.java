package dev.cptflow.activities.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots (XChart, 800×500). A plot with no data is not written, and only written plots are returned,
 * so the reports never link to a missing file.
 *
 * <p>No static AWT state here: the first AWT class must load after {@link #ensureHeadless()} has run.
 */
final class Plots {
  static final int WIDTH = 800;
  static final int HEIGHT = 500;
  static final int HISTOGRAM_BINS = 40;
  /** Training loss is logged every step; this many points per series draw the same curve in a smaller file. */
  static final int MAX_TRAIN_POINTS = 500;
  /** Below this many points a curve gets markers, so sparse held-out evaluations show where they were taken. */
  private static final int MARKER_LIMIT = 30;

  enum Kind {
    HELD_OUT_LOSS,
    TRAIN_LOSS,
    SCORES
  }

  /**
   * A written plot.
   *
   * @param relativePath e.g. {@code plots/loss_domain.png}, relative to the report directory
   */
  record Plot(String relativePath, String caption, Kind kind) {}

  private Plots() {}

  /**
   * Reports run in workers and CI without a display. Set before any AWT class loads, and only when nobody chose
   * otherwise (a caller that runs with a display keeps its setting).
   */
  static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Writes every plot that has data into {@code dir/plots}; returns them in display order. */
  static List<Plot> writeAll(ReportInput input, Path dir, ReportWriter.FileSink sink) throws IOException {
    ensureHeadless();
    List<Plot> plots = new ArrayList<>();
    curves(input, ModelRow::domainCurve, "loss_domain", "Held-out domain loss", false, Kind.HELD_OUT_LOSS, dir, sink)
        .ifPresent(plots::add);
    curves(input, ModelRow::generalCurve, "loss_general", "Held-out general loss", false, Kind.HELD_OUT_LOSS, dir, sink)
        .ifPresent(plots::add);
    curves(input, ModelRow::trainLoss, "train_loss", "Training loss", true, Kind.TRAIN_LOSS, dir, sink)
        .ifPresent(plots::add);
    Set<String> histogramNames = new HashSet<>();
    for (MetricScores scores : input.metricScores()) {
      String name = unique(histogramNames, "hist_" + fileSafe(scores.metric()));
      histogram(scores, name, dir, sink).ifPresent(plots::add);
    }
    return plots;
  }

  private static java.util.Optional<Plot> curves(
      ReportInput input,
      Function<ModelRow, List<CurvePoint>> curve,
      String name,
      String title,
      boolean downsample,
      Kind kind,
      Path dir,
      ReportWriter.FileSink sink)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step")
        .yAxisTitle("loss (nats/token)").build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    chart.getStyler().setYAxisDecimalPattern("0.000");
    Set<String> names = new HashSet<>();
    for (ModelRow row : input.rows()) {
      double[][] xy = downsample ? downsample(curve.apply(row), MAX_TRAIN_POINTS) : finitePoints(curve.apply(row));
      if (xy[0].length == 0) {
        continue; // e.g. base, which is not trained
      }
      XYSeries series = chart.addSeries(unique(names, row.model()), xy[0], xy[1]);
      series.setMarker(xy[0].length <= MARKER_LIMIT ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(save(chart, name, title, kind, dir, sink));
  }

  /** The curve's finite points as {@code {steps, values}}, in input order. */
  static double[][] finitePoints(List<CurvePoint> points) {
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    int n = 0;
    for (CurvePoint p : points) {
      if (Double.isFinite(p.value())) {
        xs[n] = p.step();
        ys[n] = p.value();
        n++;
      }
    }
    return new double[][] {java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n)};
  }

  /**
   * At most {@code max} points: consecutive windows of {@code ceil(n / max)} finite points are replaced by their mean
   * step and mean loss (averaging, unlike picking every k-th point, also smooths the per-step noise).
   */
  static double[][] downsample(List<CurvePoint> points, int max) {
    double[][] finite = finitePoints(points);
    int n = finite[0].length;
    if (n <= max) {
      return finite;
    }
    int window = (n + max - 1) / max;
    int out = (n + window - 1) / window;
    double[] xs = new double[out];
    double[] ys = new double[out];
    for (int w = 0; w < out; w++) {
      int from = w * window;
      int to = Math.min(n, from + window);
      double sx = 0;
      double sy = 0;
      for (int i = from; i < to; i++) {
        sx += finite[0][i];
        sy += finite[1][i];
      }
      xs[w] = sx / (to - from);
      ys[w] = sy / (to - from);
    }
    return new double[][] {xs, ys};
  }

  /**
   * The corpus's score distribution in grey with each selection's, counted in the same bins, drawn over it as
   * translucent step areas: where a variant's area fills the grey one, it took (nearly) every document there.
   */
  private static java.util.Optional<Plot> histogram(MetricScores scores, String name, Path dir, ReportWriter.FileSink sink)
      throws IOException {
    Histogram all = Histogram.of(scores.all(), HISTOGRAM_BINS);
    long n = all.total();
    if (n == 0) {
      return java.util.Optional.empty(); // no finite score: nothing to draw
    }
    double lo = all.edges()[0];
    double hi = all.edges()[all.bins()];
    String title = String.format(Locale.ROOT, "%s: %,d docs, selected share marked", scores.metric(), n);
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(scores.metric())
        .yAxisTitle("documents").build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    chart.getStyler().setXAxisDecimalPattern(decimalPattern(hi - lo));
    Set<String> names = new HashSet<>();
    XYSeries corpus = addSteps(chart, unique(names, String.format(Locale.ROOT, "all (%,d)", n)), all);
    style(corpus, new Color(140, 140, 140));
    Color[] palette = palette();
    int k = 0;
    for (Map.Entry<String, double[]> e : scores.selectedByVariant().entrySet()) {
      Histogram selected = Histogram.of(e.getValue() == null ? new double[0] : e.getValue(), lo, hi, HISTOGRAM_BINS);
      String label = String.format(
          Locale.ROOT, "%s: %,d selected (%.1f%%)", e.getKey(), selected.total(), 100.0 * selected.total() / n);
      style(addSteps(chart, unique(names, label), selected), palette[k++ % palette.length]);
    }
    return java.util.Optional.of(save(chart, name, title, Kind.SCORES, dir, sink));
  }

  /** The histogram as a closed step outline: up from 0 at the first edge, across each bin, down at the last edge. */
  private static XYSeries addSteps(XYChart chart, String name, Histogram h) {
    int bins = h.bins();
    double[] xs = new double[bins + 3];
    double[] ys = new double[bins + 3];
    xs[0] = h.edges()[0];
    ys[0] = 0;
    for (int i = 0; i < bins; i++) {
      xs[i + 1] = h.edges()[i];
      ys[i + 1] = h.counts()[i];
    }
    xs[bins + 1] = h.edges()[bins];
    ys[bins + 1] = h.counts()[bins - 1];
    xs[bins + 2] = h.edges()[bins];
    ys[bins + 2] = 0;
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  /**
   * Enough decimals to tell ticks a tenth of the range apart (XChart's default prints scores such as cosine
   * similarities with a dozen digits).
   */
  static String decimalPattern(double range) {
    int decimals = range > 0 ? (int) Math.max(0, Math.min(8, 2 - Math.floor(Math.log10(range)))) : 2;
    return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
  }

  private static void style(XYSeries series, Color color) {
    series.setLineColor(color);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    series.setLineStyle(new BasicStroke(1.5f));
  }

  /** Distinct, colour-blind-friendly hues (Okabe–Ito) for the selections. */
  private static Color[] palette() {
    return new Color[] {
      new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
      new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)
    };
  }

  private static Plot save(XYChart chart, String name, String caption, Kind kind, Path dir, ReportWriter.FileSink sink)
      throws IOException {
    String relative = "plots/" + name + ".png";
    sink.write(dir.resolve(relative), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return new Plot(relative, caption, kind);
  }

  /** A metric name as a file name: letters, digits, '.', '_' and '-' only, so it cannot leave the plots folder. */
  static String fileSafe(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "metric" : safe;
  }

  /** XChart rejects two series with one name, and two plots must not share a file: add "_2", "_3" … on a clash. */
  private static String unique(Set<String> taken, String name) {
    String candidate = name;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }
}
