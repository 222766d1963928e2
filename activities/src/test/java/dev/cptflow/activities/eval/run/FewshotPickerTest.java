package dev.cptflow.activities.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.data.EvalFormat;
import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FewshotPickerTest {
  private static List<EvalDoc> docs(int count) {
    List<EvalDoc> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      docs.add(new EvalDoc(Map.of("text", "sentence " + i, "label", "positive", "subject", i % 2 == 0 ? "even" : "odd"),
          "fpb.txt:" + (i + 1)));
    }
    return docs;
  }

  @Test
  void anItemIsNeverItsOwnExampleAndTheDrawIsStableForASeed() {
    TaskConfig fpb = TaskRegistry.builtIn().task("fpb");
    for (int size : new int[] {6, 7, 200}) {
      List<EvalDoc> docs = docs(size);
      TaskData shared = new TaskData(EvalFormat.FPB, docs, docs, true, List.of());
      FewshotPicker picker = new FewshotPicker(fpb, shared, 7);
      FewshotPicker again = new FewshotPicker(fpb, shared, 7);
      for (int item = 0; item < size; item++) {
        List<Integer> examples = picker.pick(item, 5);
        assertEquals(5, examples.size());
        assertEquals(5, new HashSet<>(examples).size(), "distinct examples");
        assertFalse(examples.contains(item), "item " + item + " among its own examples " + examples);
        assertEquals(examples, again.pick(item, 5), "the same seed gives the same examples");
      }
    }
    List<EvalDoc> docs = docs(200);
    TaskData shared = new TaskData(EvalFormat.FPB, docs, docs, true, List.of());
    assertNotEquals(new FewshotPicker(fpb, shared, 7).pick(3, 5), new FewshotPicker(fpb, shared, 8).pick(3, 5));
  }

  @Test
  void aSeparateSplitMayHoldTheSameIndexAndFirstNTakesTheGroupsFirstExamples() {
    TaskConfig mmlu = TaskRegistry.builtIn().task("mmlu");
    List<EvalDoc> test = docs(4);
    TaskData data = new TaskData(EvalFormat.ROWS, test, docs(10), false, List.of());
    FewshotPicker picker = new FewshotPicker(mmlu, data, 1);
    // Dev question 1 has test item 1's text, so it is left out: an item's duplicate is never its example.
    assertEquals(List.of(3, 5, 7), picker.pick(1, 3), "odd subject: the first three other odd dev questions");
    assertEquals(List.of(0, 4, 6), picker.pick(2, 3));
    TaskData shared = new TaskData(EvalFormat.ROWS, test, test, true, List.of());
    assertEquals(List.of(2), new FewshotPicker(mmlu, shared, 1).pick(0, 5), "only the other even question is left");
  }
}
