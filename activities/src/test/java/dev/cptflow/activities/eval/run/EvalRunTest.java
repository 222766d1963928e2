package dev.cptflow.activities.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRunTest {
  private static final String FPB_PROMPT = "Analyze the sentiment of this statement extracted from a financial news article. "
      + "Provide your answer as either negative, positive or neutral.\nFor instance, 'The company's stocks plummeted following"
      + " the scandal.' would be classified as negative.\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  static Path model;

  @TempDir Path dir;

  @BeforeAll
  static void trainTheAnswerModel() throws Exception {
    model = AnswerModel.train(shared, FPB_PROMPT);
  }

  private EvalResults run(EvalModel loaded, List<String> tasks, Map<String, String> data, EvalSettings settings) {
    return new EvalRun(TaskRegistry.builtIn(), new TaskDataLoader(new SourceResolver(uri -> {
      throw new IllegalStateException("no S3 here");
    })), new TaskEvaluator(loaded.languageModel(), settings)).run(tasks, data, dir, Map.of(), outcome -> {}, EvalProgress.NONE);
  }

  @Test
  void aModelTrainedToAnswerPositiveGetsAccOneOnAnAllPositiveFpbFile() throws Exception {
    Path fpb = dir.resolve("fpb.txt");
    // ISO-8859-1, as the PhraseBank ships; "é" is one byte.
    Files.write(fpb, String.join("\n", "Net sales rose in Orléans@positive", "The bank lifted its outlook@positive",
        "Profit grew for the quarter@positive", "Orders rose sharply@positive", "Margins improved@positive",
        "The dividend was raised@positive").getBytes(StandardCharsets.ISO_8859_1));
    try (EvalModel loaded = EvalModel.load(model)) {
      EvalResults results = run(loaded, List.of("fpb", "ner"), Map.of("fpb", fpb.toString()), new EvalSettings(2, 0, 9, 200));
      TaskOutcome outcome = results.tasks().get(0);
      assertEquals("fpb", outcome.task());
      assertEquals(6, outcome.items());
      assertEquals(2, outcome.shots());
      Map<String, Double> metrics = new java.util.TreeMap<>();
      outcome.metrics().forEach(metric -> metrics.put(metric.metric(), metric.value()));
      // The toy model mostly answers " positive"; whatever it wrote, the prediction is FLARE's: the first of the
      // choices, in the task's order, named in the lower-cased answer.
      List<String> lines = Files.readAllLines(EvalRun.samplesFile(dir, "fpb"));
      int correct = 0;
      for (String line : lines) {
        Map<?, ?> sample = JSON.readValue(line, Map.class);
        String answer = ((String) sample.get("generated")).toLowerCase(java.util.Locale.ROOT);
        String expected = List.of("positive", "neutral", "negative").stream().filter(answer::contains).findFirst()
            .orElse("missing");
        assertEquals(expected, sample.get("prediction"), line);
        correct += expected.equals("positive") ? 1 : 0;
      }
      assertTrue(correct >= 4, lines.toString());
      assertEquals(correct / 6.0, metrics.get("acc"), 1e-12);
      assertEquals(Map.of("ner", "no data configured (set evaluation.data.ner in the spec, or --data ner=URI)"), results.skipped());

      List<String> samples = Files.readAllLines(EvalRun.samplesFile(dir, "fpb"));
      assertEquals(6, samples.size());
      Map<?, ?> first = JSON.readValue(samples.get(0), Map.class);
      String prompt = (String) first.get("prompt");
      assertTrue(prompt.endsWith("Text: Net sales rose in Orléans\nAnswer:"), prompt);
      assertEquals(3, prompt.split("Answer:", -1).length - 1, "two examples, then the item: " + prompt);
      assertFalse(prompt.substring(0, prompt.lastIndexOf("Text:")).contains("Orléans"), "never its own example");
      assertEquals("positive", first.get("gold"));

      ResultsJson.write(dir.resolve("results.json"), results, Map.of("seed", 9));
      Map<?, ?> json = JSON.readValue(dir.resolve("results.json").toFile(), Map.class);
      Map<?, ?> fpbResults = (Map<?, ?>) ((Map<?, ?>) json.get("results")).get("fpb");
      assertEquals(correct / 6.0, (Double) fpbResults.get("acc"), 1e-12);
      assertEquals("generate", fpbResults.get("protocol"), "FPB runs FLARE's way by default");
      assertEquals(0.0, fpbResults.get("missing"));
      assertFalse(fpbResults.containsKey("acc_norm"), "no acc_norm for a generated answer");
      assertTrue(fpbResults.containsKey("acc_stderr") && fpbResults.containsKey("mcc_stderr"), fpbResults.toString());
      assertEquals(2, ((Map<?, ?>) json.get("n-shot")).get("fpb"));
      assertEquals(Map.of("original", 6, "effective", 6), ((Map<?, ?>) json.get("n-samples")).get("fpb"));
    }
  }

  @Test
  void protocolLoglikRanksTheChoicesAndLimitDrawsASeededSampleOfALabelSortedFile() throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    for (String label : List.of("positive", "neutral", "negative")) {
      for (int i = 0; i < 100; i++) {
        lines.add("Item " + label.charAt(0) + i + " moved@" + label);
      }
    }
    Path fpb = Files.write(dir.resolve("sorted.txt"), lines);
    try (EvalModel loaded = EvalModel.load(model)) {
      EvalSettings settings = new EvalSettings(0, 100, 3, 200, dev.cptflow.activities.eval.task.Protocol.LOGLIK,
          Map.of(), false);
      TaskOutcome outcome = run(loaded, List.of("fpb"), Map.of("fpb", fpb.toString()), settings).tasks().get(0);
      assertEquals("loglik", outcome.protocol());
      assertEquals(3L, outcome.limitSeed());
      assertEquals(100, outcome.items());
      assertTrue(outcome.metrics().stream().anyMatch(metric -> metric.metric().equals("acc_norm")), outcome.toString());
      assertFalse(outcome.metrics().stream().anyMatch(metric -> metric.metric().equals("missing")), outcome.toString());
      java.util.Set<Object> golds = new java.util.HashSet<>();
      for (String line : Files.readAllLines(EvalRun.samplesFile(dir, "fpb"))) {
        golds.add(JSON.readValue(line, Map.class).get("gold"));
      }
      assertEquals(java.util.Set.of("positive", "neutral", "negative"), golds, "100 of a label-sorted file: every label");
    }
  }

  @Test
  void theSameRunGivesTheSameResultsAndSamplesByteForByte() throws Exception {
    Path arc = dir.resolve("arc");
    Files.createDirectories(arc);
    Files.write(arc.resolve("test.jsonl"), List.of(
        "{\"id\":\"q1\",\"question\":\"Which is a metal?\",\"choices\":{\"text\":[\"iron\",\"wood\",\"glass\"],\"label\":[\"A\",\"B\",\"C\"]},\"answerKey\":\"A\"}",
        "{\"id\":\"q2\",\"question\":\"What melts ice?\",\"choices\":{\"text\":[\"heat\",\"cold\"],\"label\":[\"1\",\"2\"]},\"answerKey\":\"1\"}",
        "{\"id\":\"q3\",\"question\":\"What do plants need?\",\"choices\":{\"text\":[\"light\",\"noise\"],\"label\":[\"A\",\"B\"]},\"answerKey\":\"A\"}"));
    Files.write(arc.resolve("train.jsonl"), List.of(
        "{\"id\":\"t1\",\"question\":\"What is water?\",\"choices\":{\"text\":[\"a liquid\",\"a rock\"],\"label\":[\"A\",\"B\"]},\"answerKey\":\"A\"}",
        "{\"id\":\"t2\",\"question\":\"What is hot?\",\"choices\":{\"text\":[\"snow\",\"fire\"],\"label\":[\"A\",\"B\"]},\"answerKey\":\"B\"}"));
    try (EvalModel loaded = EvalModel.load(model)) {
      EvalSettings settings = new EvalSettings(1, 0, 5, 100);
      EvalResults first = run(loaded, List.of("arc_easy"), Map.of("arc_easy", arc.toString()), settings);
      String samples = Files.readString(EvalRun.samplesFile(dir, "arc_easy"));
      EvalResults second = run(loaded, List.of("arc_easy"), Map.of("arc_easy", arc.toString()), settings);
      assertEquals(first, second);
      assertEquals(samples, Files.readString(EvalRun.samplesFile(dir, "arc_easy")));
      assertEquals(3, first.tasks().get(0).items());
      assertTrue(samples.contains("Question: What is") && samples.contains("Answer: "), "examples from the train split");
    }
  }

  @Test
  void theGeneralTasksReadTheirHuggingFaceExportsWithLmEvalsPrompts() throws Exception {
    Path hellaswag = Files.write(dir.resolve("hellaswag.jsonl"), List.of(
        "{\"activity_label\":\"Baking\",\"ctx_a\":\"A man mixes flour [title] in a bowl.\",\"ctx_b\":\"THEN he\","
            + "\"endings\":[\"bakes it.\",\"sings  loudly.\"],\"label\":\"0\"}"));
    Path mmlu = Files.createDirectories(dir.resolve("mmlu"));
    Files.write(mmlu.resolve("test.jsonl"), List.of(
        "{\"question\":\" What is 2+2? \",\"subject\":\"elementary_mathematics\",\"choices\":[\"3\",\"4\",\"5\",\"6\"],\"answer\":1}"));
    Files.write(mmlu.resolve("dev.jsonl"), List.of(
        "{\"question\":\"Capital of France?\",\"subject\":\"geography\",\"choices\":[\"Paris\",\"Rome\",\"Oslo\",\"Bern\"],\"answer\":0}",
        "{\"question\":\"What is 1+1?\",\"subject\":\"elementary_mathematics\",\"choices\":[\"1\",\"2\",\"3\",\"4\"],\"answer\":1}"));
    String truthful = "{\"question\":\"Is the earth flat?\",\"mc1_targets\":{\"choices\":[\"No\",\"Yes\"],\"labels\":[1,0]},"
        + "\"mc2_targets\":{\"choices\":[\"No\",\"It is round\",\"Yes\"],\"labels\":[1,1,0]}}";
    Path truthfulqa = Files.write(dir.resolve("truthfulqa.jsonl"), List.of(truthful));
    try (EvalModel loaded = EvalModel.load(model)) {
      EvalResults results = run(loaded, List.of("general"), Map.of("hellaswag", hellaswag.toString(), "mmlu", mmlu.toString(),
          "truthfulqa_mc1", truthfulqa.toString(), "truthfulqa_mc2", truthfulqa.toString()), new EvalSettings(5, 0, 1, 50));
      assertEquals(List.of("hellaswag", "mmlu", "truthfulqa_mc1", "truthfulqa_mc2"),
          results.tasks().stream().map(TaskOutcome::task).toList());
      assertEquals(List.of("arc_challenge", "arc_easy"), List.copyOf(results.skipped().keySet()));

      Map<?, ?> hellaswagSample = JSON.readValue(Files.readAllLines(EvalRun.samplesFile(dir, "hellaswag")).get(0), Map.class);
      assertEquals("Baking: A man mixes flour. in a bowl. Then he", hellaswagSample.get("prompt"));
      assertEquals(List.of("bakes it.", "sings loudly."), hellaswagSample.get("choices"));

      Map<?, ?> mmluSample = JSON.readValue(Files.readAllLines(EvalRun.samplesFile(dir, "mmlu")).get(0), Map.class);
      assertEquals("The following are multiple choice questions (with answers) about elementary mathematics.\n\n"
          + "What is 1+1?\nA. 1\nB. 2\nC. 3\nD. 4\nAnswer: B\n\n"
          + "What is 2+2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:", mmluSample.get("prompt"), "only the subject's dev question");
      assertEquals("B", mmluSample.get("gold"));

      TaskOutcome mc1 = results.tasks().get(2);
      assertEquals(0, mc1.shots(), "TruthfulQA has no few-shot split");
      assertTrue(mc1.notes().get(0).contains("runs zero-shot"), mc1.notes().toString());
      Map<?, ?> mc2Sample = JSON.readValue(Files.readAllLines(EvalRun.samplesFile(dir, "truthfulqa_mc2")).get(0), Map.class);
      assertTrue(((String) mc2Sample.get("prompt")).endsWith("\n\nQ: Is the earth flat?\nA:"));
      List<?> lls = (List<?>) mc2Sample.get("loglikelihoods");
      double[] p = lls.stream().mapToDouble(ll -> Math.exp(((Number) ll).doubleValue())).toArray();
      assertEquals((p[0] + p[1]) / (p[0] + p[1] + p[2]), results.tasks().get(3).metrics().get(0).value(), 1e-9,
          "MC2 acc is the true answers' share of the probability");
    }
  }

  @Test
  void aBadLineIsReportedWithItsFileLineAndField() throws Exception {
    Path fpb = dir.resolve("bad.txt");
    Files.writeString(fpb, "Sales rose@positive\nSales fell@postive\n");
    try (EvalModel loaded = EvalModel.load(model)) {
      EvalDataException error = assertThrows(EvalDataException.class,
          () -> run(loaded, List.of("fpb"), Map.of("fpb", fpb.toString()), new EvalSettings(0, 0, 1, 10)));
      assertTrue(error.getMessage().contains(fpb + ":2") && error.getMessage().contains("label"), error.getMessage());
    }
  }
}
