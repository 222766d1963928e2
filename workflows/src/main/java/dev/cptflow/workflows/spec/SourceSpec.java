package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.SourceFormat;

/**
 * One corpus source: a URI (globs allowed), the dotted path of its text field, its format, and the field holding each
 * record's own id (kept beside the stable id when a record has it).
 */
public record SourceSpec(String uri, String textField, SourceFormat format, String idField) {}
