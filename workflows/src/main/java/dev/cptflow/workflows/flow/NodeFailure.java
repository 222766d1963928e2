package dev.cptflow.workflows.flow;

/**
 * Why one node of a failed child workflow did not finish; travels as the failure's details so the parent
 * can mark that exact node.
 *
 * @param notRun true when an upstream failure kept it from running, false when it failed itself
 * @param detail the stage's message, or which upstream node failed
 */
public record NodeFailure(boolean notRun, String detail) {}
