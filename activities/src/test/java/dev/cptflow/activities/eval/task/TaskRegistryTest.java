package dev.cptflow.activities.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.eval.data.EvalFormat;
import dev.cptflow.workflows.api.stage.EvalSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRegistryTest {
  @TempDir Path dir;

  @Test
  void everyTaskOfEverySuiteShipsInTheJar() {
    TaskRegistry registry = TaskRegistry.builtIn();
    for (String name : EvalSuite.knownTasks()) {
      TaskConfig task = registry.task(name);
      assertEquals(name, task.name());
      assertNull(task.dataset().path(), name + " has no default data: users point it at theirs");
      assertTrue(!task.metrics().isEmpty(), name);
    }
    assertEquals(List.of("fpb", "fiqasa", "headlines", "ner", "mmlu"), registry.expand(List.of("finance", "mmlu", "fpb")));
  }

  @Test
  void financeTasksFollowFlareAndReadFlareRowsWithTheirOwnPrompts() {
    TaskConfig fpb = TaskRegistry.builtIn().task("fpb");
    assertEquals(5, fpb.numFewshot());
    assertEquals(OutputType.GENERATE_CHOICE, fpb.outputType());
    assertEquals(List.of("."), fpb.until());
    assertEquals(List.of("\n\n"), TaskRegistry.builtIn().task("headlines").until());
    assertEquals("No", TaskRegistry.builtIn().task("headlines").missingChoice());
    Map<String, Object> phraseBank = Map.of("text", "Sales rose.", "label", "positive");
    assertTrue(fpb.prompts(EvalFormat.FPB).text(phraseBank).endsWith("Text: Sales rose.\nAnswer:"));
    Map<String, Object> flare = Map.of("query", "Q?", "choices", List.of("positive", "negative", "neutral"), "gold", 2);
    DocPrompts rows = fpb.prompts(EvalFormat.ROWS);
    assertEquals("Q?", rows.text(flare));
    assertEquals(2, rows.targetIndex(flare, rows.choices(flare)));
    assertEquals(OutputType.GENERATE_UNTIL, TaskRegistry.builtIn().task("ner").outputType());
  }

  @Test
  void aDirectoryTaskReplacesTheBuiltInOne() throws Exception {
    Files.writeString(dir.resolve("fpb.yaml"), """
        task: fpb
        dataset: {format: fpb, test_split: test}
        output_type: multiple_choice
        doc_to_text: "{{text}} ->"
        doc_to_choice: [up, down]
        doc_to_target: 0
        metric_list: [{metric: acc}]
        """);
    TaskConfig fpb = TaskRegistry.withOverrides(dir).task("fpb");
    assertEquals(List.of("up", "down"), fpb.prompts().choices(Map.of()));
    assertEquals(0, fpb.numFewshot());
    assertEquals(dir.resolve("fpb.yaml").toString(), fpb.source());
  }

  @Test
  void mistakesNameTheFileTheLineAndTheField() throws Exception {
    assertEquals(dir.resolve("fpb.yaml") + ":5: field 'output_type': 'multiple choice' is not one of multiple_choice, generate_choice, generate_until",
        problem("""
        task: fpb
        dataset:
          format: fpb
        doc_to_text: "{{text}}"
        output_type: multiple choice
        """));
    assertTrue(problem("""
        task: fpb
        dataset: {format: fpb}
        output_type: multiple_choice
        doc_to_text: "{{text | shout}}"
        doc_to_choice: [a]
        doc_to_target: 0
        metric_list: [{metric: acc}]
        """).startsWith(dir.resolve("fpb.yaml") + ":4: field 'doc_to_text': template"));
    assertEquals(dir.resolve("fpb.yaml") + ":3: field 'dataset.fewshot_splt': unknown key "
        + "(known: fewshot_split, format, options, path, test_split)", problem("""
        task: fpb
        dataset:
          fewshot_splt: train
          format: fpb
        """));
    assertEquals(dir.resolve("fpb.yaml") + ":7: field 'metric_list': metric 'entity_f1' does not apply to output_type "
        + "multiple_choice", problem("""
        task: fpb
        dataset: {format: fpb}
        output_type: multiple_choice
        doc_to_text: "{{text}}"
        doc_to_choice: [a]
        doc_to_target: 0
        metric_list: [{metric: entity_f1}]
        """));
  }

  private String problem(String yaml) throws Exception {
    Files.writeString(dir.resolve("fpb.yaml"), yaml);
    return assertThrows(TaskDefinitionException.class, () -> TaskRegistry.withOverrides(dir)).getMessage();
  }
}
