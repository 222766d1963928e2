package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.data.EvalFormat;
import java.util.List;

/**
 * A task's documents, read and preprocessed.
 *
 * @param format the format they were read in, which picks the prompts
 * @param test the evaluated split, in file order
 * @param fewshot where examples come from
 * @param sharedSplit true when both are the same documents, so an item must be kept out of its own examples
 * @param notes what the reader decided that a user should know (a missing few-shot split)
 */
public record TaskData(EvalFormat format, List<EvalDoc> test, List<EvalDoc> fewshot, boolean sharedSplit,
    List<String> notes) {}
