package dev.cptflow.activities.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hand-made report inputs whose derived numbers are easy to check by hand. */
final class Fixtures {
  static final List<String> COLUMNS = List.of("fpb.f1", "fiqasa.f1", "ner.entity_f1");

  private Fixtures() {}

  /**
   * base: 0.5 ± 0.01, 0.6 (no stderr), ner missing → avg 0.55.
   * dacp: 0.6, 0.7, 0.8 → avg 0.7, Δ +0.15, 1,000,000 tokens (100%).
   * {@code variant}: 0.7, fiqasa missing, 0.9 → avg 0.8, Δ +0.25, 250,000 tokens (25%).
   */
  static List<ModelRow> rows(String variant, boolean curves) {
    Map<String, Estimate> base = new LinkedHashMap<>();
    base.put("fpb.f1", new Estimate(0.5, 0.01));
    base.put("fiqasa.f1", new Estimate(0.6, null));
    Map<String, Estimate> dacp = Map.of(
        "fpb.f1", new Estimate(0.6, 0.02), "fiqasa.f1", new Estimate(0.7, 0.03), "ner.entity_f1",
        new Estimate(0.8, 0.04));
    Map<String, Estimate> other = Map.of("fpb.f1", new Estimate(0.7, 0.02), "ner.entity_f1", new Estimate(0.9, 0.01));
    return List.of(
        new ModelRow("base", base, 2.5, 2.0, null, null, null, List.of(), List.of(), List.of()),
        new ModelRow("dacp", dacp, 2.1, 2.05, 1_000_000L, 246.0, "gpu(0)",
            curves ? trainCurve(1200, 3.0) : List.of(), curves ? heldOut(2.4) : List.of(),
            curves ? heldOut(2.1) : List.of()),
        new ModelRow(variant, other, 2.2, 2.01, 250_000L, 12.34, "cpu",
            curves ? trainCurve(300, 3.1) : List.of(), curves ? heldOut(2.45) : List.of(), List.of()));
  }

  static ReportInput input(String variant, List<String> notes, boolean curves) {
    Random random = new Random(7);
    double[] sim = new double[5000];
    for (int i = 0; i < sim.length; i++) {
      sim[i] = random.nextGaussian() * 0.1 + 0.3;
    }
    double[] top = java.util.Arrays.stream(sim).sorted().skip(4500).toArray();
    double[] ppl = new double[2000];
    for (int i = 0; i < ppl.length; i++) {
      ppl[i] = Math.exp(random.nextGaussian() * 0.5 + 3);
    }
    Map<String, double[]> simSelected = new LinkedHashMap<>();
    simSelected.put(variant, top);
    simSelected.put("ets-dacp-soft", java.util.Arrays.copyOf(sim, 800));
    return new ReportInput(
        "sweep-42",
        "FinPythia mini",
        COLUMNS,
        rows(variant, curves),
        List.of(
            new MetricScores("sim", sim, simSelected),
            new MetricScores("ppl", ppl, Map.of("eta-dacp-ppl-hard", java.util.Arrays.copyOfRange(ppl, 0, 200)))),
        List.of(new SelectionQuality(variant, 500, 123_456, 460, 750, 5000)),
        notes);
  }

  static List<CurvePoint> trainCurve(int steps, double start) {
    List<CurvePoint> points = new ArrayList<>();
    Random random = new Random(steps);
    for (int s = 1; s <= steps; s++) {
      points.add(new CurvePoint(s, start - Math.log1p(s) * 0.1 + random.nextGaussian() * 0.05));
    }
    return points;
  }

  static List<CurvePoint> heldOut(double start) {
    List<CurvePoint> points = new ArrayList<>();
    for (int s = 0; s <= 1000; s += 100) {
      points.add(new CurvePoint(s, start - s * 0.0002));
    }
    return points;
  }
}
