package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.SourceFormat;

/** Unlabeled text of one downstream task; TACP trains on it and ETS-DACP scores similarity to it. */
public record TaskDataSpec(String name, String uri, String textField, SourceFormat format, String idField) {}
