package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.TrainEngine;

/**
 * Hyper-parameters shared by every variant's training run, and the engine that trains them; {@code warmup} is a
 * fraction of the steps.
 */
public record TrainingSpec(
    int seqLen,
    int microBatch,
    int gradAccum,
    double lr,
    double minLrRatio,
    double weightDecay,
    double warmup,
    Schedule schedule,
    int epochs,
    int checkpointEvery,
    int evalEvery,
    double clipNorm,
    TrainEngine engine) {}
