package dev.cptflow.workflows.spec;

/** Unlabeled text of one downstream task; TACP trains on it and ETS-DACP scores similarity to it. */
public record TaskDataSpec(String name, String uri, String textField, SourceFormat format) {}
