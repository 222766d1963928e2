package dev.cptflow.workflows.spec;

/** One corpus source: a URI (globs allowed), the dotted path of its text field, and its format. */
public record SourceSpec(String uri, String textField, SourceFormat format) {}
