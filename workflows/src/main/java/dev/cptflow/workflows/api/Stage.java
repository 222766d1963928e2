package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.EvalParams;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.PackOutput;
import dev.cptflow.workflows.api.stage.PackParams;
import dev.cptflow.workflows.api.stage.ReportOutput;
import dev.cptflow.workflows.api.stage.ReportParams;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.ScoreParams;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionResult;
import dev.cptflow.workflows.api.stage.StageOutput;
import dev.cptflow.workflows.api.stage.StageParams;
import dev.cptflow.workflows.api.stage.TrainOutput;
import dev.cptflow.workflows.api.stage.TrainParams;
import java.util.List;
import java.util.Locale;

/**
 * The stages of the pipeline, in the order data flows through them, each with its contract: the params record the
 * planner builds, the output record its readers get, the queues its activity may be scheduled on (the first is where
 * it goes unless its node says otherwise), and the version that is part of every cache key it makes. Bump the version
 * when a stage's output changes for the same params, and old results stop being reused.
 */
public enum Stage {
  // Versions 2 and 3 (this release): params are typed records whose canonical JSON is the key material, documents
  // carry their own ids (source_id), and the general set honours max_docs. Version 4: odd input reads differently
  // (a JSONL line holding two values, half a surrogate pair or over 64 MiB is now a bad record, a first line behind
  // a byte order mark is now read, a cut .gz/.zst keeps the records before the cut), so a shard cached from such
  // input would not be what ingest now writes; ordinary input gives the same bytes.
  INGEST(4, IngestParams.class, IngestOutput.class, List.of(TaskQueues.CPU)),
  // A score node's shards run where its metric's engine wants them (PlanNode.queue); the summary runs on cpu.
  SCORE(2, ScoreParams.class, ScoreOutput.class, List.of(TaskQueues.CPU, TaskQueues.GPU)),
  SELECT(2, SelectParams.class, SelectionResult.class, List.of(TaskQueues.CPU)),
  PACK(2, PackParams.class, PackOutput.class, List.of(TaskQueues.CPU)),
  // Version 3: the block order is a specified SplitMix64 Fisher–Yates that the torch engine draws too (DataOrder), so
  // DJL trains on another order than version 2 did. Torch training goes to the torch queue (the planner says so).
  TRAIN(3, TrainParams.class, TrainOutput.class, List.of(TaskQueues.GPU, TaskQueues.TORCH)),
  EVAL(3, EvalParams.class, EvalOutput.class, List.of(TaskQueues.GPU)),
  REPORT(2, ReportParams.class, ReportOutput.class, List.of(TaskQueues.CPU));

  private final int version;
  private final Class<? extends StageParams> paramsType;
  private final Class<? extends StageOutput> outputType;
  private final List<TaskQueues> queues;

  Stage(int version, Class<? extends StageParams> paramsType, Class<? extends StageOutput> outputType,
      List<TaskQueues> queues) {
    this.version = version;
    this.paramsType = paramsType;
    this.outputType = outputType;
    this.queues = queues;
  }

  public int version() {
    return version;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Class<? extends StageParams> paramsType() {
    return paramsType;
  }

  public Class<? extends StageOutput> outputType() {
    return outputType;
  }

  /** Every queue a worker must serve this stage's activity on. */
  public List<TaskQueues> queues() {
    return queues;
  }

  public TaskQueues defaultQueue() {
    return queues.get(0);
  }

  /**
   * What a node's cache key hashes besides its inputs' keys: the stage, its version and the canonical JSON of the
   * params. Refuses params of another stage.
   */
  public String keyMaterial(StageParams params) {
    if (!paramsType.isInstance(params)) {
      throw new IllegalArgumentException(key() + " takes " + paramsType.getSimpleName() + ", not "
          + params.getClass().getSimpleName());
    }
    return key() + "\n" + version + "\n" + CanonicalJson.write(params);
  }
}
