package dev.cptflow.workflows.api;

/** Marks a node finished: its result is written, then the {@code _SUCCESS} marker, last. */
public record CacheCommit(String storeUri, StageResult result) {}
