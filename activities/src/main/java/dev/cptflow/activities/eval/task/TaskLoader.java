package dev.cptflow.activities.eval.task;

import dev.cptflow.activities.eval.data.EvalFormat;
import dev.cptflow.activities.eval.metric.MetricKind;
import dev.cptflow.activities.eval.template.Template;
import dev.cptflow.activities.eval.template.TemplateException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one task YAML file into a {@link TaskConfig}, checking every field: a wrong type, an unknown key, a
 * template that does not parse or a metric that does not fit the output type is reported with its file and line.
 */
final class TaskLoader {
  private static final Set<String> TOP_KEYS = Set.of("task", "version", "dataset", "output_type", "description",
      "doc_to_text", "doc_to_choice", "doc_to_target", "target_delimiter", "fewshot_delimiter", "num_fewshot",
      "fewshot_config", "process_docs", "process_results", "generation_kwargs", "metric_list", "format_overrides", "choice_match", "missing_choice");
  private static final Set<String> DATASET_KEYS = Set.of("path", "format", "test_split", "fewshot_split", "options");
  private static final Set<String> PROMPT_KEYS = Set.of("description", "doc_to_text", "doc_to_choice", "doc_to_target");
  static final Set<String> PROCESS_DOCS = Set.of("hellaswag");
  static final Set<String> PROCESS_RESULTS = Set.of("mc2");

  private final YamlDocument yaml;

  private TaskLoader(YamlDocument yaml) {
    this.yaml = yaml;
  }

  static TaskConfig load(String source, String text) {
    return new TaskLoader(YamlDocument.parse(source, text)).read();
  }

  private TaskConfig read() {
    Map<String, Object> root = yaml.root();
    checkKeys(root, "", TOP_KEYS);
    String name = required(root, "task", String.class, "");
    Map<String, Object> dataset = mapping(root, "dataset", "");
    checkKeys(dataset, "dataset", DATASET_KEYS);
    EvalFormat format = parse("dataset.format", required(dataset, "format", String.class, "dataset"), EvalFormat::fromKey);
    OutputType outputType = parse("output_type", required(root, "output_type", String.class, ""), OutputType::fromKey);
    Map<String, Object> fewshot = mapping(root, "fewshot_config", "");
    checkKeys(fewshot, "fewshot_config", Set.of("sampler", "group_by"));
    Map<String, Object> generation = mapping(root, "generation_kwargs", "");
    checkKeys(generation, "generation_kwargs", Set.of("until", "max_gen_toks"));
    DocPrompts prompts = prompts(root, "");
    if (prompts.text() == null) {
      throw yaml.error("doc_to_text", "is required");
    }
    if (prompts.target() == null && prompts.fixedTarget() == null) {
      throw yaml.error("doc_to_target", "is required");
    }
    if (outputType.hasChoices() && prompts.choices() == null && prompts.fixedChoices() == null) {
      throw yaml.error("doc_to_choice", "is required for output_type " + outputType.key());
    }
    for (String key : List.of("choice_match", "missing_choice")) {
      if (root.containsKey(key) && outputType != OutputType.GENERATE_CHOICE) {
        throw yaml.error(key, "applies only to output_type generate_choice");
      }
    }
    return new TaskConfig(
        name,
        optional(root, "version", Integer.class, 0, ""),
        yaml.source(),
        new DatasetSpec(
            optional(dataset, "path", String.class, null, "dataset"),
            format,
            optional(dataset, "test_split", String.class, "test", "dataset"),
            optional(dataset, "fewshot_split", String.class, null, "dataset"),
            mapping(dataset, "options", "dataset")),
        outputType,
        prompts,
        overrides(mapping(root, "format_overrides", "")),
        named(root, "process_docs", PROCESS_DOCS),
        named(root, "process_results", PROCESS_RESULTS),
        nonNegative(optional(root, "num_fewshot", Integer.class, 0, ""), "num_fewshot"),
        parse("fewshot_config.sampler", optional(fewshot, "sampler", String.class, "random", "fewshot_config"),
            FewshotSampler::fromKey),
        optional(fewshot, "group_by", String.class, null, "fewshot_config"),
        optional(root, "target_delimiter", String.class, " ", ""),
        optional(root, "fewshot_delimiter", String.class, "\n\n", ""),
        strings(generation, "until", "generation_kwargs"),
        nonNegative(optional(generation, "max_gen_toks", Integer.class, 256, "generation_kwargs"), "generation_kwargs.max_gen_toks"),
        parse("choice_match", optional(root, "choice_match", String.class, "substring", ""), ChoiceMatch::fromKey),
        optional(root, "missing_choice", String.class, null, ""),
        metrics(root, outputType));
  }

  private DocPrompts prompts(Map<String, Object> map, String path) {
    Object choices = map.get("doc_to_choice");
    Object target = map.get("doc_to_target");
    return new DocPrompts(
        template(map, "description", path),
        template(map, "doc_to_text", path),
        choices instanceof String ? template(map, "doc_to_choice", path) : null,
        choices instanceof String ? null : fixedChoices(choices, join(path, "doc_to_choice")),
        target instanceof String ? template(map, "doc_to_target", path) : null,
        target instanceof String ? null : fixedTarget(target, join(path, "doc_to_target")));
  }

  private Map<EvalFormat, DocPrompts> overrides(Map<String, Object> overrides) {
    Map<EvalFormat, DocPrompts> byFormat = new EnumMap<>(EvalFormat.class);
    for (String key : overrides.keySet()) {
      String path = "format_overrides." + key;
      EvalFormat format = parse(path, key, EvalFormat::fromKey);
      Map<String, Object> prompts = mapping(overrides, key, "format_overrides");
      checkKeys(prompts, path, PROMPT_KEYS);
      byFormat.put(format, prompts(prompts, path));
    }
    return byFormat;
  }

  private List<MetricSpec> metrics(Map<String, Object> root, OutputType outputType) {
    Object value = root.get("metric_list");
    if (!(value instanceof List<?> entries) || entries.isEmpty()) {
      throw yaml.error("metric_list", "must be a non-empty list of {metric: name}");
    }
    List<MetricSpec> metrics = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map) || !(map.get("metric") instanceof String metric)) {
        throw yaml.error("metric_list", "each entry must be a mapping with a 'metric' name");
      }
      MetricKind kind = parse("metric_list", metric, MetricKind::fromKey);
      if (!applies(kind, outputType)) {
        throw yaml.error("metric_list", "metric '" + metric + "' does not apply to output_type " + outputType.key());
      }
      for (Object key : map.keySet()) {
        if (!Set.of("metric", "group_by").contains(key)) {
          throw yaml.error("metric_list", "unknown key '" + key + "' (known: metric, group_by)");
        }
      }
      Object groupBy = map.get("group_by");
      metrics.add(new MetricSpec(metric, groupBy == null ? null : groupBy.toString()));
    }
    return metrics;
  }

  /** A generate_choice task may also run as multiple_choice ({@code protocol: loglik}): both sets of metrics apply. */
  private static boolean applies(MetricKind kind, OutputType outputType) {
    return switch (outputType) {
      case MULTIPLE_CHOICE -> kind.appliesTo(MetricKind.Answering.LOGLIK);
      case GENERATE_CHOICE -> kind.appliesTo(MetricKind.Answering.LOGLIK) || kind.appliesTo(MetricKind.Answering.GENERATED_CHOICE);
      case GENERATE_UNTIL -> kind.appliesTo(MetricKind.Answering.GENERATED_TEXT);
    };
  }

  private Template template(Map<String, Object> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    String field = join(path, key);
    if (!(value instanceof String source)) {
      throw yaml.error(field, "must be a template string");
    }
    try {
      return Template.compile(source);
    } catch (TemplateException e) {
      throw yaml.error(field, e.getMessage());
    }
  }

  private List<String> fixedChoices(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw yaml.error(field, "must be a template or a non-empty list of choices");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private Object fixedTarget(Object value, String field) {
    if (value != null && !(value instanceof Integer)) {
      throw yaml.error(field, "must be a template or a choice index");
    }
    return value;
  }

  private String named(Map<String, Object> root, String key, Set<String> known) {
    String name = optional(root, key, String.class, null, "");
    if (name != null && !known.contains(name)) {
      throw yaml.error(key, "'" + name + "' is not a built-in step (known: " + String.join(", ", known) + ")");
    }
    return name;
  }

  private List<String> strings(Map<String, Object> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      return List.of(text);
    }
    if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
      throw yaml.error(join(path, key), "must be a string or a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private int nonNegative(int value, String field) {
    if (value < 0) {
      throw yaml.error(field, "must be 0 or more, got " + value);
    }
    return value;
  }

  private <T> T parse(String field, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw yaml.error(field, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mapping(Map<String, Object> map, String key, String path) {
    Object value = map.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw yaml.error(join(path, key), "must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  private <T> T required(Map<String, Object> map, String key, Class<T> type, String path) {
    T value = optional(map, key, type, null, path);
    if (value == null) {
      throw yaml.error(join(path, key), "is required");
    }
    return value;
  }

  private <T> T optional(Map<String, Object> map, String key, Class<T> type, T fallback, String path) {
    Object value = map.get(key);
    if (value == null) {
      return fallback;
    }
    if (!type.isInstance(value)) {
      throw yaml.error(join(path, key), "must be " + (type == Integer.class ? "an integer" : "a string") + ", got '"
          + value + "'");
    }
    return type.cast(value);
  }

  private void checkKeys(Map<String, Object> map, String path, Set<String> known) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw yaml.error(join(path, key), "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
