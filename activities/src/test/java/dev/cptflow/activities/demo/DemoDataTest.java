package dev.cptflow.activities.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.data.EvalFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TOPICS = List.of("cooking", "sports", "travel", "gardening", "science");
  private static final List<String> FILES = List.of(
      "README.md", "corpus/part-00.jsonl", "corpus/part-01.jsonl", "corpus/part-02.jsonl", "corpus/part-03.jsonl",
      "eval/fpb.txt", "eval/ner.conll", "general-heldout.jsonl", "pretrain/general.jsonl", "tasks/fpb-unlabeled.jsonl");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?]\"?(?=\\s|$)");
  private static final Pattern WORD = Pattern.compile("[a-z]+");
  private static final Set<String> UP = Set.of("rose", "increased", "grew", "improved");
  private static final Set<String> DOWN = Set.of("fell", "decreased", "declined", "weakened");

  @TempDir static Path shared;
  private static Path data;
  private static DemoSummary summary;

  @TempDir Path dir;

  @BeforeAll
  static void writeOnce() throws IOException {
    data = shared.resolve("demo");
    summary = DemoData.write(data, 7);
  }

  @Test
  void writesExactlyTheDocumentedFilesAndCounts() throws IOException {
    assertEquals(new DemoSummary(20_000, 3_000, 400, 500, 6_000, 3 * DemoData.FPB_PER_LABEL, DemoData.NER_SENTENCES), summary);
    assertEquals(FILES, files(data).keySet().stream().toList());
    for (byte[] bytes : files(data).values()) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertFalse(text.contains("\r"));
      assertTrue(text.endsWith("\n"));
    }
    String readme = Files.readString(data.resolve("README.md"));
    for (String count : List.of("20000", "3000", "400", "500", "6000", "" + 3 * DemoData.FPB_PER_LABEL, "" + DemoData.NER_SENTENCES, "synthetic", "seed 7")) {
      assertTrue(readme.contains(count), "README mentions " + count);
    }
  }

  @Test
  void corpusIsShuffledDistinctWithAPlantedFinanceShare() throws IOException {
    Map<String, Integer> bySource = new TreeMap<>();
    Set<String> texts = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (int part = 0; part < 4; part++) {
      List<JsonNode> docs = jsonl(data.resolve("corpus/part-0" + part + ".jsonl"));
      assertEquals(5_000, docs.size());
      long finance = docs.stream().filter(d -> d.get("source").asText().equals("finance")).count();
      assertTrue(finance > 600 && finance < 900, "finance docs in part " + part + ": " + finance);
      for (JsonNode doc : docs) {
        assertEquals(List.of("text", "source"), fieldNames(doc));
        String source = doc.get("source").asText();
        assertTrue(source.equals("finance") || TOPICS.stream().anyMatch(t -> source.equals("general/" + t)), source);
        bySource.merge(source, 1, Integer::sum);
        texts.add(doc.get("text").asText());
        order.add(source);
        assertDocumentShape(doc.get("text").asText());
      }
    }
    assertEquals(3_000, bySource.get("finance"));
    for (String topic : TOPICS) {
      assertEquals(3_400, bySource.get("general/" + topic), topic);
    }
    assertEquals(20_000, texts.size(), "corpus texts are distinct");
    int run = 0;
    int longest = 0;
    for (String source : order) {
      run = source.equals("finance") ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    assertTrue(longest < 12, "finance is not clustered; longest run " + longest);
  }

  @Test
  void heldoutAndPretrainAreGeneralAndOutsideTheCorpus() throws IOException {
    Set<String> corpus = new HashSet<>();
    for (int part = 0; part < 4; part++) {
      jsonl(data.resolve("corpus/part-0" + part + ".jsonl")).forEach(d -> corpus.add(d.get("text").asText()));
    }
    for (String file : List.of("general-heldout.jsonl", "pretrain/general.jsonl")) {
      List<JsonNode> docs = jsonl(data.resolve(file));
      assertEquals(file.startsWith("general") ? 500 : 6_000, docs.size(), file);
      Map<String, Long> topics = docs.stream().collect(Collectors.groupingBy(d -> d.get("source").asText(), Collectors.counting()));
      assertEquals(TOPICS.stream().map(t -> "general/" + t).collect(Collectors.toSet()), topics.keySet(), file);
      assertEquals(1, topics.values().stream().distinct().count(), "topics evenly spread in " + file);
      Set<String> texts = new HashSet<>();
      for (JsonNode doc : docs) {
        String text = doc.get("text").asText();
        assertFalse(corpus.contains(text), file + " repeats a corpus document");
        assertTrue(texts.add(text), file + " repeats a document");
        assertDocumentShape(text);
      }
    }
  }

  @Test
  void taskTextIsSingleFinanceSentences() throws IOException {
    List<JsonNode> task = jsonl(data.resolve("tasks/fpb-unlabeled.jsonl"));
    assertEquals(400, task.size());
    Set<String> texts = new HashSet<>();
    for (JsonNode line : task) {
      assertEquals(List.of("text"), fieldNames(line));
      String text = line.get("text").asText();
      assertEquals(1, sentences(text), text);
      assertTrue(texts.add(text), "task sentences are distinct");
    }
    assertTrue(texts.stream().filter(t -> t.contains("EUR")).count() > 200, "task text is about EUR amounts");
  }

  @Test
  void fpbLinesAreBalancedAndTheirLabelsFollowFromTheWording() throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("eval/fpb.txt"), StandardCharsets.UTF_8);
    assertEquals(3 * DemoData.FPB_PER_LABEL, lines.size());
    Set<String> task = jsonl(data.resolve("tasks/fpb-unlabeled.jsonl")).stream()
        .map(d -> d.get("text").asText()).collect(Collectors.toSet());
    Map<String, Integer> counts = new TreeMap<>();
    Set<String> sentences = new HashSet<>();
    Pattern line = Pattern.compile("^([^@]+)@(positive|negative|neutral)$");
    for (String raw : lines) {
      Matcher m = line.matcher(raw);
      assertTrue(m.matches(), raw);
      String sentence = m.group(1);
      String label = m.group(2);
      counts.merge(label, 1, Integer::sum);
      assertTrue(sentences.add(sentence), "FPB sentences are distinct");
      assertFalse(task.contains(sentence), "FPB sentence also in the task text: " + sentence);
      assertEquals(1, sentences(sentence), sentence);
      Set<String> words = words(sentence);
      boolean up = words.stream().anyMatch(UP::contains);
      boolean down = words.stream().anyMatch(DOWN::contains);
      switch (label) {
        case "positive" -> assertTrue(up && !down, raw);
        case "negative" -> assertTrue(down && !up, raw);
        default -> assertTrue(!up && !down, raw);
      }
    }
    assertEquals(Map.of("negative", DemoData.FPB_PER_LABEL, "neutral", DemoData.FPB_PER_LABEL, "positive", DemoData.FPB_PER_LABEL), counts);
    // Interleaved, not in blocks by label.
    assertFalse(lines.subList(0, DemoData.FPB_PER_LABEL).stream().allMatch(l -> l.endsWith(lines.get(0).substring(lines.get(0).indexOf('@')))));
  }

  @Test
  void nerParsesAsIoTaggedConllWithEntitiesInEverySentence() throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("eval/ner.conll"), StandardCharsets.UTF_8);
    assertEquals("-DOCSTART- -X- -X- O", lines.get(0));
    assertEquals("", lines.get(1));
    List<List<String[]>> sentences = new ArrayList<>();
    List<String[]> current = new ArrayList<>();
    for (String line : lines.subList(2, lines.size())) {
      if (line.isEmpty()) {
        assertFalse(current.isEmpty(), "no empty sentence");
        sentences.add(current);
        current = new ArrayList<>();
        continue;
      }
      String[] columns = line.split("\\s+");
      assertEquals(4, columns.length, line);
      assertEquals(line, String.join(" ", columns), "single spaces, no stray whitespace: " + line);
      assertEquals("_", columns[2], line);
      assertTrue(Set.of("O", "I-PER", "I-ORG", "I-LOC").contains(columns[3]), line);
      current.add(columns);
    }
    assertTrue(current.isEmpty(), "the file ends with a blank line");
    assertEquals(DemoData.NER_SENTENCES, sentences.size());
    Set<String> texts = new HashSet<>();
    Set<String> types = new HashSet<>();
    for (List<String[]> sentence : sentences) {
      int entities = 0;
      String previous = "O";
      for (String[] token : sentence) {
        if (!token[3].equals("O") && !token[3].equals(previous)) {
          entities++;
          types.add(token[3]);
        }
        previous = token[3];
      }
      String text = sentence.stream().map(t -> t[0]).collect(Collectors.joining(" "));
      assertTrue(entities >= 1 && entities <= 3, entities + " entities in: " + text);
      assertEquals(".", sentence.get(sentence.size() - 1)[0], text);
      assertTrue(texts.add(text), "NER sentences are distinct");
    }
    assertEquals(Set.of("I-PER", "I-ORG", "I-LOC"), types);
  }

  @Test
  void theProjectsOwnEvaluationReadersAcceptTheEvalFiles() {
    List<EvalDoc> fpb = EvalFormat.FPB.read(data.resolve("eval/fpb.txt"), "fpb.txt", Map.of());
    assertEquals(3 * DemoData.FPB_PER_LABEL, fpb.size());
    assertEquals(DemoData.FPB_PER_LABEL, fpb.stream().filter(d -> d.fields().get("label").equals("neutral")).count());
    List<EvalDoc> ner = EvalFormat.CONLL_NER.read(data.resolve("eval/ner.conll"), "ner.conll", Map.of());
    assertEquals(DemoData.NER_SENTENCES, ner.size());
    for (EvalDoc doc : ner) {
      int entities = ((List<?>) doc.fields().get("entities")).size();
      assertTrue(entities >= 1 && entities <= 3, doc.fields().get("text") + ": " + entities);
    }
  }

  @Test
  void financeDocumentsShareMuchMoreVocabularyWithTheTaskTextThanGeneralOnes() throws IOException {
    Set<String> taskVocabulary = new HashSet<>();
    jsonl(data.resolve("tasks/fpb-unlabeled.jsonl")).forEach(d -> taskVocabulary.addAll(words(d.get("text").asText())));
    double[] sum = new double[2];
    int[] count = new int[2];
    Map<String, double[]> byTopic = new TreeMap<>();
    for (JsonNode doc : jsonl(data.resolve("corpus/part-00.jsonl"))) {
      Set<String> words = words(doc.get("text").asText());
      double shared = words.stream().filter(taskVocabulary::contains).count() / (double) words.size();
      int kind = doc.get("source").asText().equals("finance") ? 0 : 1;
      sum[kind] += shared;
      count[kind]++;
      byTopic.computeIfAbsent(doc.get("source").asText(), k -> new double[2]);
      byTopic.get(doc.get("source").asText())[0] += shared;
      byTopic.get(doc.get("source").asText())[1]++;
    }
    double finance = sum[0] / count[0];
    double general = sum[1] / count[1];
    assertTrue(finance > 0.7, "finance docs' word types found in the task text: " + finance);
    assertTrue(finance > general + 0.3, "finance " + finance + " vs general " + general);
    for (Map.Entry<String, double[]> topic : byTopic.entrySet()) {
      if (!topic.getKey().equals("finance")) {
        double share = topic.getValue()[0] / topic.getValue()[1];
        assertTrue(share < finance - 0.25, topic.getKey() + " " + share + " vs finance " + finance);
      }
    }
  }

  @Test
  void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
    DemoData.write(dir.resolve("a"), 7);
    DemoData.write(dir.resolve("b"), 8);
    Map<String, byte[]> first = files(data);
    Map<String, byte[]> again = files(dir.resolve("a"));
    Map<String, byte[]> other = files(dir.resolve("b"));
    assertEquals(first.keySet(), again.keySet());
    for (String file : first.keySet()) {
      assertArrayEquals(first.get(file), again.get(file), file);
    }
    assertEquals(first.keySet(), other.keySet());
    for (String file : first.keySet()) {
      assertFalse(java.util.Arrays.equals(first.get(file), other.get(file)), file + " differs for another seed");
    }
  }

  @Test
  void refusesANonEmptyDirectoryAndNamesIt() throws IOException {
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoData.write(full, 1));
    assertTrue(e.getMessage().contains(full.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals(List.of(full.resolve("keep.txt")), Files.list(full).toList(), "nothing written");

    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(IllegalArgumentException.class, () -> DemoData.write(file, 1));
  }

  @Test
  void writesIntoAnExistingEmptyDirectory() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(summary, DemoData.write(empty, 7));
    assertArrayEquals(Files.readAllBytes(data.resolve("eval/fpb.txt")), Files.readAllBytes(empty.resolve("eval/fpb.txt")));
  }

  private static void assertDocumentShape(String text) {
    int words = text.split("\\s+").length;
    assertTrue(words >= DemoData.MIN_WORDS && words <= DemoData.MAX_WORDS, words + " words: " + text);
    int sentences = sentences(text);
    assertTrue(sentences >= DemoData.MIN_SENTENCES && sentences <= DemoData.MAX_SENTENCES, sentences + " sentences: " + text);
    assertFalse(text.contains("@"));
  }

  private static int sentences(String text) {
    Matcher m = SENTENCE_END.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> jsonl(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      assertTrue(node.isObject() && node.get("text").isTextual() && !node.get("text").asText().isBlank(), line);
      nodes.add(node);
    }
    return nodes;
  }

  /** Every file under root by relative path ('/'-separated), sorted. */
  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
      }
    }
    return files;
  }
}
