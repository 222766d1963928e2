package dev.cptflow.workflows.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code variants}: which fields each kind may set, their defaults, and the rules across variants. */
final class VariantBinder {

  private static final double EQUAL_WEIGHT = 1.0;

  private final SpecContext ctx;

  VariantBinder(SpecContext ctx) {
    this.ctx = ctx;
  }

  List<VariantSpec> bind(List<MappingReader> readers, boolean hasTaskData) {
    List<VariantSpec> variants = new ArrayList<>();
    Map<String, String> firstPathById = new HashMap<>();
    for (MappingReader reader : readers) {
      VariantSpec variant = variant(reader);
      if (variant == null) {
        continue;
      }
      String first = firstPathById.putIfAbsent(variant.id(), reader.path());
      if (first != null) {
        ctx.error(reader.anchor(), reader.path(),
            "duplicate variant id '" + variant.id() + "' (first at " + first + ")");
      }
      if (!hasTaskData && needsTaskData(variant)) {
        ctx.error(reader.anchor(), reader.path(), variant.name().key() + " needs task_data");
      }
      variants.add(variant);
    }
    return variants;
  }

  /** TACP trains on task text; sim scores similarity to it. */
  private static boolean needsTaskData(VariantSpec variant) {
    return variant.name() == VariantKind.TACP || variant.usedMetrics().contains(Metric.SIM);
  }

  private VariantSpec variant(MappingReader reader) {
    VariantKind kind = reader.requiredChoice("name", VariantKind.values());
    if (kind == null) {
      // Without a kind the other fields cannot be judged; asking for them only keeps them from reading as unknown.
      List.of("sampling", "metrics", "weights", "budget").forEach(reader::value);
      return null;
    }
    Sampling sampling = usedBy(reader, "sampling", kind, kind.selectsByScore())
        ? reader.choice("sampling", Sampling.values(), Sampling.HARD)
        : null;
    boolean combines = kind == VariantKind.ETS_DACP_COM;
    List<Metric> metrics = usedBy(reader, "metrics", kind, combines) ? metrics(reader) : List.of();
    SortedMap<Metric, Double> weights = usedBy(reader, "weights", kind, combines) ? weights(reader, metrics) : new TreeMap<>();
    Double budget = usedBy(reader, "budget", kind, kind.selectsByScore())
        ? reader.optionalNumber("budget", Range.openClosed(0, 1))
        : null;
    return new VariantSpec(kind, sampling, metrics, weights, budget);
  }

  /** Whether {@code kind} uses {@code key}; writing a key the kind ignores is an error, not a silent no-op. */
  private boolean usedBy(MappingReader reader, String key, VariantKind kind, boolean used) {
    if (!used && reader.has(key)) {
      ctx.error(reader.value(key), reader.childPath(key), "not used by " + kind.key());
    }
    return used;
  }

  private List<Metric> metrics(MappingReader reader) {
    List<Metric> metrics = reader.choices("metrics", Metric.values(), VariantKind.ETS_DACP_COM.metrics());
    if (metrics.isEmpty() && reader.has("metrics")) {
      ctx.error(reader.value("metrics"), reader.childPath("metrics"), "must list at least one metric");
    }
    return metrics;
  }

  /** Weights default to equal: each listed metric without one gets {@value #EQUAL_WEIGHT}. */
  private SortedMap<Metric, Double> weights(MappingReader reader, List<Metric> metrics) {
    SortedMap<Metric, Double> weights = new TreeMap<>();
    if (!reader.has("weights")) {
      metrics.forEach(metric -> weights.put(metric, EQUAL_WEIGHT));
      reader.missing("weights", weights);
      return weights;
    }
    MappingReader written = reader.section("weights");
    for (String key : written.keys()) {
      Node keyNode = written.keyNode(key);
      Metric metric = written.scalars().choice(keyNode, written.childPath(key), Metric.values());
      if (metric != null && !metrics.contains(metric)) {
        ctx.error(keyNode, written.childPath(key), "metric '" + key + "' is not in metrics "
            + metrics.stream().map(Metric::key).toList());
      }
      Double weight = written.optionalNumber(key, Range.above(0));
      if (metric != null && weight != null) {
        weights.put(metric, weight);
      }
    }
    for (Metric metric : metrics) {
      if (!weights.containsKey(metric)) {
        weights.put(metric, written.missing(metric.key(), EQUAL_WEIGHT));
      }
    }
    return weights;
  }
}
