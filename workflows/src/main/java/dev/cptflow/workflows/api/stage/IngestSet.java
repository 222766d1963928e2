package dev.cptflow.workflows.api.stage;

/**
 * The text sets a sweep ingests: the domain corpus (sharded, with a held-out split), the tasks' unlabeled text
 * (TACP's training data and ETS-DACP's target) and the general held-out set.
 */
public enum IngestSet implements SpecEnum {
  CORPUS,
  TASKS,
  GENERAL
}
