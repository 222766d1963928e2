package dev.cptflow.activities.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model of the sweep: the base model or a variant.
 *
 * @param model {@code "base"} or the variant id
 * @param metrics column → estimate; a missing column (or a null or non-finite estimate) is shown as "–"
 * @param domainLoss held-out domain loss (nats/token), nullable
 * @param generalLoss held-out general loss (nats/token), nullable
 * @param tokensTrained tokens trained, null for base
 * @param wallSeconds training wall time, null for base
 * @param device e.g. {@code "cpu"} or {@code "gpu(0)"}, null for base
 * @param trainLoss training loss per step, may be empty
 * @param domainCurve held-out domain loss during training, may be empty
 * @param generalCurve held-out general loss during training, may be empty
 */
public record ModelRow(
    String model,
    Map<String, Estimate> metrics,
    Double domainLoss,
    Double generalLoss,
    Long tokensTrained,
    Double wallSeconds,
    String device,
    List<CurvePoint> trainLoss,
    List<CurvePoint> domainCurve,
    List<CurvePoint> generalCurve) {

  public ModelRow {
    Objects.requireNonNull(model, "model");
    // LinkedHashMap rather than Map.copyOf: a null estimate is allowed and simply means "missing".
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    trainLoss = trainLoss == null ? List.of() : List.copyOf(trainLoss);
    domainCurve = domainCurve == null ? List.of() : List.copyOf(domainCurve);
    generalCurve = generalCurve == null ? List.of() : List.copyOf(generalCurve);
  }
}
