package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.metric.MetricValue;
import java.util.List;

/**
 * A task's results: what goes under its name in {@code results.json}. Plain data, so a finished task can be
 * stored and read back when an interrupted evaluation resumes.
 *
 * @param shots few-shot examples per item (fewer only where the split had fewer)
 * @param items items evaluated
 * @param available items the split holds (before {@code --limit})
 * @param format the format the data was read in
 * @param protocol how the items were answered: {@code generate} or {@code loglik}
 * @param limitSeed the seed of the {@code limit} sample, or null when every item ran
 * @param truncated prompts cut from the left to fit the model's window
 * @param fewshotFromTest whether the few-shot examples came from the evaluated file itself
 */
public record TaskOutcome(String task, int version, int shots, int items, int available, String format,
    String dataUri, List<MetricValue> metrics, List<String> notes, String protocol, Long limitSeed, int truncated,
    boolean fewshotFromTest) {}
