package dev.cptflow.activities.lm;

/**
 * lm-evaluation-harness's answer to a loglikelihood request.
 *
 * @param logProb summed log-probability of the continuation tokens, in nats
 * @param greedy true when every continuation token is the argmax at its position
 * @param tokens continuation tokens scored
 */
public record LogLikelihood(double logProb, boolean greedy, int tokens) {}
