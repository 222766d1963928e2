package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDoc;
import java.util.List;

/**
 * One item of a task, rendered.
 *
 * @param index the item's position in the evaluated split
 * @param context the whole prompt: description, examples and the item's text
 * @param choices the choices (multiple choice), else empty
 * @param gold the gold choice's index, or -1 for generation
 * @param target the reference answer's text
 * @param examples the few-shot split indices the prompt shows
 */
record Instance(int index, EvalDoc doc, String context, List<String> choices, int gold, String target,
    List<Integer> examples) {}
