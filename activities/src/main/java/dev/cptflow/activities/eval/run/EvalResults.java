package dev.cptflow.activities.eval.run;

import java.util.List;
import java.util.SortedMap;

/**
 * Everything one evaluation produced.
 *
 * @param skipped task → why it did not run (no data configured); never a faked score
 * @param warnings notes a reader of the results should see
 */
public record EvalResults(List<TaskOutcome> tasks, List<PerplexityOutcome> perplexities,
    SortedMap<String, String> skipped, List<String> warnings) {}
