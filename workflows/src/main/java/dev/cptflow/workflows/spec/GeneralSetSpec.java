package dev.cptflow.workflows.spec;

/** A general-domain text set whose perplexity shows how much general ability training costs. */
public record GeneralSetSpec(String uri, String textField, int maxDocs) {}
