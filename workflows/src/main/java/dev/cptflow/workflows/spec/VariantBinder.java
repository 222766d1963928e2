package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.metric.MetricCatalog;
import dev.cptflow.workflows.api.metric.MetricDefinition;
import dev.cptflow.workflows.api.stage.Sampling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code variants}: which fields each kind may set, their defaults, and the rules across variants. The
 * single-metric variants and the metrics a combination may list come from the metric registry.
 */
final class VariantBinder {

  private final SpecContext ctx;
  private final MetricCatalog metrics;

  VariantBinder(SpecContext ctx, MetricCatalog metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
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
      // Built from a registered variant name and a sampling, so safe unless a metric registers an odd name.
      String unsafe = SafeNames.problem(variant.id());
      if (unsafe != null) {
        ctx.error(reader.value("name"), reader.childPath("name"), "variant id " + unsafe);
      }
      if (!hasTaskData && needsTaskData(variant)) {
        ctx.error(reader.anchor(), reader.path(), variant.name() + " needs task_data");
      }
      variants.add(variant);
    }
    return variants;
  }

  /** TACP trains on task text; some metrics compare documents with it. */
  private boolean needsTaskData(VariantSpec variant) {
    return variant.kind() == VariantKind.TASK_TEXT
        || variant.metrics().stream().anyMatch(metric -> metrics.get(metric).readsTaskText());
  }

  /** dacp, tacp, each registered metric's variant, then ets-dacp-com. */
  private List<String> names() {
    return Stream.of(
            Stream.of(VariantKind.WHOLE_CORPUS.fixedName(), VariantKind.TASK_TEXT.fixedName()),
            metrics.metrics().stream().map(MetricDefinition::variant),
            Stream.of(VariantKind.COMBINED.fixedName()))
        .flatMap(names -> names)
        .toList();
  }

  private VariantSpec variant(MappingReader reader) {
    String name = reader.has("name") ? reader.oneOf("name", names(), null) : reader.missing("name", null);
    if (name == null) {
      // Without a kind the other fields cannot be judged; asking for them only keeps them from reading as unknown.
      List.of("sampling", "metrics", "weights", "budget").forEach(reader::value);
      return null;
    }
    VariantKind kind = kindOf(name);
    Sampling sampling = usedBy(reader, "sampling", name, kind.selectsByScore())
        ? reader.choice("sampling", Sampling.values(), SpecDefaults.SAMPLING)
        : null;
    boolean combines = kind == VariantKind.COMBINED;
    List<String> chosen = usedBy(reader, "metrics", name, combines) ? combined(reader)
        : kind == VariantKind.ONE_METRIC ? List.of(metrics.forVariant(name).orElseThrow().key()) : List.of();
    SortedMap<String, Double> weights = usedBy(reader, "weights", name, combines) ? weights(reader, chosen) : new TreeMap<>();
    Double budget = usedBy(reader, "budget", name, kind.selectsByScore())
        ? reader.optionalNumber("budget", Range.openClosed(0, 1))
        : null;
    return new VariantSpec(name, kind, sampling, chosen, weights, budget);
  }

  private static VariantKind kindOf(String name) {
    for (VariantKind kind : VariantKind.values()) {
      if (name.equals(kind.fixedName())) {
        return kind;
      }
    }
    return VariantKind.ONE_METRIC;
  }

  /** Whether {@code name} uses {@code key}; writing a key the kind ignores is an error, not a silent no-op. */
  private boolean usedBy(MappingReader reader, String key, String name, boolean used) {
    if (!used && reader.has(key)) {
      ctx.error(reader.value(key), reader.childPath(key), "not used by " + name);
    }
    return used;
  }

  /** The metrics a combination lists; by default the metrics registered as combined by default (the paper's three). */
  private List<String> combined(MappingReader reader) {
    List<String> byDefault = metrics.metrics().stream().filter(MetricDefinition::combinedByDefault)
        .map(MetricDefinition::key).toList();
    List<String> chosen = reader.someOf("metrics", metrics.keys(), byDefault);
    if (chosen.isEmpty() && reader.has("metrics")) {
      ctx.error(reader.value("metrics"), reader.childPath("metrics"), "must list at least one metric");
    }
    return chosen;
  }

  /** Weights default to equal: each listed metric without one gets {@link SpecDefaults#METRIC_WEIGHT}. */
  private SortedMap<String, Double> weights(MappingReader reader, List<String> chosen) {
    SortedMap<String, Double> weights = new TreeMap<>();
    if (!reader.has("weights")) {
      chosen.forEach(metric -> weights.put(metric, SpecDefaults.METRIC_WEIGHT));
      reader.missing("weights", weights);
      return weights;
    }
    MappingReader written = reader.section("weights");
    for (String key : written.keys()) {
      Node keyNode = written.keyNode(key);
      String metric = written.scalars().oneOf(keyNode, written.childPath(key), metrics.keys());
      if (metric != null && !chosen.contains(metric)) {
        ctx.error(keyNode, written.childPath(key), "metric '" + key + "' is not in metrics " + chosen);
      }
      Double weight = written.optionalNumber(key, Range.above(0));
      if (metric != null && weight != null) {
        weights.put(metric, weight);
      }
    }
    for (String metric : chosen) {
      if (!weights.containsKey(metric)) {
        weights.put(metric, written.missing(metric, SpecDefaults.METRIC_WEIGHT));
      }
    }
    return weights;
  }
}
