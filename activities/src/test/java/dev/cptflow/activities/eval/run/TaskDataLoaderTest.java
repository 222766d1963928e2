package dev.cptflow.activities.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.data.EvalFormat;
import dev.cptflow.activities.eval.task.DocPrompts;
import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDataLoaderTest {
  private static final TaskRegistry TASKS = TaskRegistry.builtIn();
  private static final TaskDataLoader LOADER = new TaskDataLoader(new SourceResolver(uri -> {
    throw new IllegalStateException("no S3 here");
  }));

  @TempDir Path dir;

  @Test
  void theBuiltInHeadlinesTaskReadsTheDatasetsOwnHeaderAsNineQuestionsPerHeadline() throws Exception {
    Path csv = Files.writeString(dir.resolve("gold.csv"), """
        Dates,URL,News,Price or Not,Price Direction Up,Price Direction Constant,Price Direction Down,PastPrice,FuturePrice,PastNews,FutureNews,Asset Comparision
        28-01-2016,http://x,"april gold down 20 cents to settle at $1,116.10/oz",1,0,0,1,1,0,0,0,0
        """);
    TaskData data = LOADER.load(TASKS.task("headlines"), csv.toString());
    assertEquals(EvalFormat.HEADLINES, data.format());
    assertEquals(9, data.test().size());
    assertEquals("Direction Down", data.test().get(3).fields().get("label_type"));
    assertEquals("Yes", data.test().get(3).fields().get("label"));
    assertEquals("No", data.test().get(1).fields().get("label"));
    assertTrue(data.sharedSplit(), "one file is every split");
  }

  @Test
  void aFewshotUriOfItsOwnGivesTheExamplesAndTheTestFileStaysTheTestSplit() throws Exception {
    Path test = Files.writeString(dir.resolve("test.txt"), "Sales rose@positive\nProfit fell@negative\n");
    Path train = Files.writeString(dir.resolve("train.txt"), "Orders grew@positive\nCosts rose@negative\nThe board met@neutral\n");
    TaskData data = LOADER.load(TASKS.task("fpb"), test.toString(), train.toString());
    assertEquals(2, data.test().size());
    assertEquals(3, data.fewshot().size());
    assertEquals("Orders grew", data.fewshot().get(0).fields().get("text"));
    assertFalse(data.sharedSplit(), "examples from the train file: an item index there is another document");

    Path trainDir = Files.createDirectories(dir.resolve("fpb-train"));
    Files.writeString(trainDir.resolve("train.txt"), "Orders grew@positive\n");
    assertEquals(1, LOADER.load(TASKS.task("fpb"), test.toString(), trainDir.toString()).fewshot().size(),
        "a directory gives its few-shot split; it needs no test split");
    Path rows = Files.writeString(dir.resolve("train.jsonl"), "{\"query\": \"Q\", \"choices\": [\"positive\"], \"gold\": 0}\n");
    IllegalArgumentException mixed = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> LOADER.load(TASKS.task("fpb"), test.toString(), rows.toString()));
    assertTrue(mixed.getMessage().contains("in format rows") && mixed.getMessage().contains("in fpb"), mixed.getMessage());
  }

  @Test
  void aDirectoryHoldsOneFilePerSplitAndFlareRowsUseTheirOwnQuery() throws Exception {
    Path flare = Files.createDirectories(dir.resolve("flare-fpb"));
    String row = "{\"id\":\"fpb%d\",\"query\":\"Q%d\",\"answer\":\"neutral\",\"text\":\"t\","
        + "\"choices\":[\"positive\",\"negative\",\"neutral\"],\"gold\":2}";
    Files.write(flare.resolve("test.jsonl"), List.of(row.formatted(1, 1), row.formatted(2, 2)));
    Files.write(flare.resolve("train-00000-of-00001.jsonl"), List.of(row.formatted(3, 3)));
    TaskConfig fpb = TASKS.task("fpb");
    TaskData data = LOADER.load(fpb, flare.toString());
    assertEquals(EvalFormat.ROWS, data.format());
    assertEquals(2, data.test().size());
    assertEquals(1, data.fewshot().size());
    assertFalse(data.sharedSplit());
    DocPrompts prompts = fpb.prompts(data.format());
    Map<String, Object> first = data.test().get(0).fields();
    assertEquals("Q1", prompts.text(first));
    assertEquals(2, prompts.targetIndex(first, prompts.choices(first)));
  }

  @Test
  void aMissingFewshotSplitFallsBackToTheTestSplitAndSaysSo() throws Exception {
    Path arc = Files.createDirectories(dir.resolve("arc"));
    Files.write(arc.resolve("test.jsonl"), List.of(
        "{\"question\":\"q\",\"choices\":{\"text\":[\"a\",\"b\"],\"label\":[\"A\",\"B\"]},\"answerKey\":\"B\"}"));
    TaskData data = LOADER.load(TASKS.task("arc_easy"), arc.toString());
    assertTrue(data.sharedSplit());
    assertEquals(1, data.notes().size());
    assertTrue(data.notes().get(0).contains("no 'train' split"), data.notes().toString());
  }
}
