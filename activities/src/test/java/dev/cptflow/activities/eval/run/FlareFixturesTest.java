package dev.cptflow.activities.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.metric.MetricValue;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fixture per finance task, in the public format, with what a model wrote for each item: the metrics must be
 * FLARE's for those generations. The expected numbers come from {@code fixtures/expected.py} (scikit-learn, and NER
 * rewritten from FLARE's description), not from this code. The fixtures hold answers that name two choices, an
 * empty answer, a Headlines "yes" in lower case, an NER entity that is not in the sentence and a lower-case type.
 */
class FlareFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "/dev/cptflow/activities/eval/fixtures/";

  @TempDir Path dir;

  private Map<String, Double> evaluate(String task, String dataFile, String generations, int expectedItems) throws Exception {
    Path data = copy(dataFile);
    List<String> answers;
    try (InputStream in = getClass().getResourceAsStream(FIXTURES + generations)) {
      answers = JSON.readValue(in, new TypeReference<List<String>>() {});
    }
    CannedModel model = new CannedModel(answers);
    EvalResults results = new EvalRun(TaskRegistry.builtIn(), new TaskDataLoader(new SourceResolver(uri -> {
      throw new IllegalStateException("local files only");
    })), new TaskEvaluator(model, new EvalSettings(0, 0, 1, 200))).run(List.of(task), Map.of(task, data.toString()),
        dir, Map.of(), outcome -> {}, EvalProgress.NONE);
    TaskOutcome outcome = results.tasks().get(0);
    assertEquals(expectedItems, outcome.items());
    assertEquals(answers.size(), model.prompts().size(), "one generation per item");
    assertEquals("generate", outcome.protocol());
    Map<String, Double> values = new TreeMap<>();
    for (MetricValue metric : outcome.metrics()) {
      values.put(metric.metric(), metric.value());
    }
    return values;
  }

  private Path copy(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(FIXTURES + name)) {
      Path file = dir.resolve(name);
      Files.copy(in, file);
      return file;
    }
  }

  private static void assertMetrics(Map<String, Double> expected, Map<String, Double> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((metric, value) -> assertEquals(value, actual.get(metric), 1e-9, metric + " in " + actual));
  }

  @Test
  void fpb() throws Exception {
    // gold pos neg neu neg pos neu neg neu; predicted pos neg pos(two named: the first in choice order) missing(empty)
    // neu neu pos missing
    assertMetrics(Map.of("acc", 0.375, "missing", 0.25, "f1", FPB_F1, "macro_f1", FPB_MACRO_F1, "mcc", FPB_MCC),
        evaluate("fpb", "fpb.txt", "fpb.generations.json", 8));
  }

  @Test
  void flareRowsOfTheSameItemsGiveTheSameNumbers() throws Exception {
    assertMetrics(Map.of("acc", 0.375, "missing", 0.25, "f1", FPB_F1, "macro_f1", FPB_MACRO_F1, "mcc", FPB_MCC),
        evaluate("fpb", "flare-fpb.jsonl", "fpb.generations.json", 8));
    assertMetrics(Map.of("entity_f1", 0.8, "entity_pair_f1", 0.875),
        evaluate("ner", "flare-ner.jsonl", "ner.generations.json", 3));
  }

  @Test
  void fiqasaWithTheCategoryFromTheFileName() throws Exception {
    assertMetrics(Map.of("acc", 0.4, "missing", 0.4, "f1", FIQA_F1, "macro_f1", FIQA_MACRO_F1, "mcc", FIQA_MCC),
        evaluate("fiqasa", "task1_headline_ABSA_test.json", "fiqasa.generations.json", 5));
    String prompt = Files.readAllLines(EvalRun.samplesFile(dir, "fiqasa")).get(0);
    assertTrue(prompt.contains("What is the sentiment of the following financial headline: Positive, Negative, or Neutral?"),
        prompt);
  }

  @Test
  void headlinesTakeOnlyAnExactYes() throws Exception {
    assertMetrics(Map.of("acc", HEADLINES_ACC, "f1", HEADLINES_F1, "macro_f1", HEADLINES_MACRO_F1),
        evaluate("headlines", "headlines.csv", "headlines.generations.json", 27));
  }

  @Test
  void nerScoresOnlySentencesWithAnEntityTheFlareWay() throws Exception {
    // tp 6, predicted 8 ("Bank of America, org" is a type of its own; "Wells Fargo" is not in the text), gold 7:
    // P 3/4, R 6/7, F1 0.8. Exact pairs (types upper-cased): tp 7, predicted 9, gold 7: F1 0.875.
    assertMetrics(Map.of("entity_f1", 0.8, "entity_pair_f1", 0.875), evaluate("ner", "ner.conll", "ner.generations.json", 3));
  }

  @Test
  void promptsLongerThanTheWindowAreCountedAndFitShotsDropsWholeExamplesUntilTheyFit() throws Exception {
    Path data = copy("fpb.txt");
    List<String> answers = java.util.Collections.nCopies(8, " positive");
    // FPB's instruction is about 240 characters, an example about 290: two examples do not fit in 850 positions
    // less the 32 generated tokens, one does.
    for (boolean fit : new boolean[] {false, true}) {
      CannedModel model = new CannedModel(answers, 850);
      TaskOutcome outcome = new TaskEvaluator(model, new EvalSettings(2, 0, 1, 10, null, Map.of(), fit))
          .evaluate(TaskRegistry.builtIn().task("fpb"), new TaskDataLoader(new SourceResolver(uri -> {
            throw new IllegalStateException();
          })).load(TaskRegistry.builtIn().task("fpb"), data.toString()), data.toString(), dir.resolve("s.jsonl"),
              EvalProgress.NONE);
      if (fit) {
        assertEquals(0, outcome.truncated());
        assertTrue(model.prompts().stream().allMatch(prompt -> prompt.length() <= 850 - 32), "every prompt fits");
        assertTrue(model.prompts().stream().allMatch(prompt -> prompt.split("Answer:", -1).length - 1 == 2),
            "one example kept, the item's own text after it");
        assertTrue(outcome.notes().stream().anyMatch(note -> note.contains("fit_shots dropped examples")), outcome.notes().toString());
      } else {
        assertEquals(8, outcome.truncated());
        assertTrue(outcome.notes().stream().anyMatch(note -> note.contains("8 of 8 prompts (100.0%) are longer than the"
            + " model's window of 850 tokens")), outcome.notes().toString());
      }
    }
  }

  @Test
  void aProtocolThatATaskCannotFollowIsNotedAndTheTaskRunsItsOwnWay() throws Exception {
    Path data = copy("ner.conll");
    List<String> answers;
    try (InputStream in = getClass().getResourceAsStream(FIXTURES + "ner.generations.json")) {
      answers = JSON.readValue(in, new TypeReference<List<String>>() {});
    }
    EvalSettings settings = new EvalSettings(0, 0, 1, 10, null, Map.of("ner", dev.cptflow.activities.eval.task.Protocol.LOGLIK),
        false);
    TaskOutcome outcome = new TaskEvaluator(new CannedModel(answers), settings).evaluate(TaskRegistry.builtIn().task("ner"),
        new TaskDataLoader(new SourceResolver(uri -> {
          throw new IllegalStateException();
        })).load(TaskRegistry.builtIn().task("ner"), data.toString()), data.toString(), dir.resolve("s.jsonl"),
        EvalProgress.NONE);
    assertEquals("generate", outcome.protocol());
    assertTrue(outcome.notes().contains("ner: protocol loglik does not apply to output_type generate_until; it runs as"
        + " generate"), outcome.notes().toString());
  }

  // From expected.py.
  private static final double FPB_F1 = 0.4375;
  private static final double FPB_MACRO_F1 = 0.43333333333333335;
  private static final double FPB_MCC = 0.20475708983698052;
  private static final double FIQA_F1 = 0.5333333333333333;
  private static final double FIQA_MACRO_F1 = 0.4444444444444444;
  private static final double FIQA_MCC = 0.2946278254943948;
  private static final double HEADLINES_ACC = 0.8518518518518519;
  private static final double HEADLINES_F1 = 0.8666666666666667;
  private static final double HEADLINES_MACRO_F1 = 0.8518518518518517;
}
