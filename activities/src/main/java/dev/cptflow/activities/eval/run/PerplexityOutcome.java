package dev.cptflow.activities.eval.run;

/**
 * Held-out loss of a named text set: NLL per token over the whole set (long documents weigh more), in nats, and
 * its perplexity. Each document is read after an EOS and cut at {@code seq_len} tokens, as in training.
 */
public record PerplexityOutcome(String set, double loss, double perplexity, long tokens, int documents, int skipped) {}
