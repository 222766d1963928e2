package dev.cptflow.activities.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cptflow.activities.demo.FinanceText.Tone;
import dev.cptflow.activities.demo.GeneralText.Topic;
import dev.cptflow.activities.demo.NerSentences.Token;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The quickstart's seeded synthetic data set: a miniature of the FinPythia setting. A web-like corpus
 * of general documents on five topics with a planted finance sub-domain (15 %) written like the
 * finance task text, the unlabeled task text itself, general documents for pre-training a tiny base
 * model and for held-out perplexity, and two small evaluation sets (FPB sentiment, loan-agreement NER).
 * Everything is generated here from the seed; nothing is read from anywhere.
 */
public final class DemoData {
  /**
   * Bump when the generated content changes (caches key on it). 2: the base model is pre-trained on the block order
   * both training engines share (DataOrder), so its weights differ from version 1's.
   */
  public static final int VERSION = 2;

  static final int CORPUS_PARTS = 4;
  static final int DOCS_PER_PART = 5_000;
  static final int CORPUS_DOCS = CORPUS_PARTS * DOCS_PER_PART;
  static final int FINANCE_DOCS = 3_000;
  static final int TASK_DOCS = 400;
  static final int HELDOUT_DOCS = 500;
  static final int PRETRAIN_DOCS = 6_000;
  static final int FPB_PER_LABEL = 50;
  static final int NER_SENTENCES = 30;
  static final int MIN_SENTENCES = 2;
  static final int MAX_SENTENCES = 3;
  static final int MIN_WORDS = 20;
  static final int MAX_WORDS = 60;

  private static final JsonFactory JSON = new JsonFactory();

  /** One line of a JSONL file; no {@code source} field where it is null. */
  private record Line(String text, String source) {}

  private DemoData() {}

  /** Writes the whole data set into dir (created if absent; must be empty if present); same seed → byte-identical files. */
  public static DemoSummary write(Path dir, long seed) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("demo data: " + dir + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "demo data: directory " + dir + " is not empty; give a new or empty directory");
        }
      }
    }
    Files.createDirectories(dir);

    // One independent stream per part, split in a fixed order, so each part depends only on the seed.
    SplittableRandom root = new SplittableRandom(seed);
    Pick rosterPick = new Pick(root.split());
    Pick corpusPick = new Pick(root.split());
    Pick heldoutPick = new Pick(root.split());
    Pick pretrainPick = new Pick(root.split());
    Pick taskPick = new Pick(root.split());
    Pick fpbPick = new Pick(root.split());
    Pick nerPick = new Pick(root.split());

    FinanceText finance = new FinanceText(rosterPick);
    GeneralText general = new GeneralText();
    Set<String> documents = new HashSet<>(); // membership only, never iterated

    List<String> corpusSources = new ArrayList<>();
    for (int i = 0; i < FINANCE_DOCS; i++) {
      corpusSources.add("finance");
    }
    corpusSources.addAll(evenly(CORPUS_DOCS - FINANCE_DOCS));
    corpusPick.shuffle(corpusSources);
    List<Line> corpus = documents(corpusSources, finance, general, corpusPick, documents);
    for (int part = 0; part < CORPUS_PARTS; part++) {
      writeJsonl(dir.resolve("corpus").resolve("part-0" + part + ".jsonl"),
          corpus.subList(part * DOCS_PER_PART, (part + 1) * DOCS_PER_PART));
    }

    List<String> heldoutSources = evenly(HELDOUT_DOCS);
    heldoutPick.shuffle(heldoutSources);
    writeJsonl(dir.resolve("general-heldout.jsonl"), documents(heldoutSources, finance, general, heldoutPick, documents));

    List<String> pretrainSources = evenly(PRETRAIN_DOCS);
    pretrainPick.shuffle(pretrainSources);
    writeJsonl(dir.resolve("pretrain").resolve("general.jsonl"),
        documents(pretrainSources, finance, general, pretrainPick, documents));

    // Task text and FPB are disjoint, as the real task text comes from the training split.
    Set<String> sentences = new HashSet<>();
    List<Line> task = new ArrayList<>();
    for (int i = 0; i < TASK_DOCS; i++) {
      task.add(new Line(unique(() -> finance.taskSentence(taskPick), sentences, "task sentence"), null));
    }
    writeJsonl(dir.resolve("tasks").resolve("fpb-unlabeled.jsonl"), task);

    List<Tone> labels = new ArrayList<>();
    for (Tone tone : List.of(Tone.POSITIVE, Tone.NEGATIVE, Tone.NEUTRAL)) {
      for (int i = 0; i < FPB_PER_LABEL; i++) {
        labels.add(tone);
      }
    }
    fpbPick.shuffle(labels);
    List<String> fpb = new ArrayList<>();
    for (Tone tone : labels) {
      String text = unique(() -> finance.statement(tone, fpbPick), sentences, "FPB sentence");
      fpb.add(text + "@" + tone.name().toLowerCase(Locale.ROOT));
    }
    writeLines(dir.resolve("eval").resolve("fpb.txt"), fpb);

    List<String> ner = new ArrayList<>();
    ner.add("-DOCSTART- -X- -X- O");
    ner.add("");
    for (List<Token> sentence : NerSentences.sentences(nerPick, NER_SENTENCES)) {
      for (Token token : sentence) {
        ner.add(token.conll());
      }
      ner.add("");
    }
    writeLines(dir.resolve("eval").resolve("ner.conll"), ner);

    DemoSummary summary = new DemoSummary(
        CORPUS_DOCS, FINANCE_DOCS, TASK_DOCS, HELDOUT_DOCS, PRETRAIN_DOCS, 3 * FPB_PER_LABEL, NER_SENTENCES);
    writeLines(dir.resolve("README.md"), readme(seed, summary).lines().toList());
    return summary;
  }

  /** {@code count} general sources, as evenly over the topics as counts allow, in topic order. */
  private static List<String> evenly(int count) {
    List<String> sources = new ArrayList<>();
    Topic[] topics = Topic.values();
    for (int i = 0; i < count; i++) {
      sources.add(topics[i * topics.length / count].source());
    }
    return sources;
  }

  private static List<Line> documents(
      List<String> sources, FinanceText finance, GeneralText general, Pick pick, Set<String> seen) {
    List<Line> lines = new ArrayList<>(sources.size());
    for (String source : sources) {
      Supplier<String> maker = source.equals("finance")
          ? () -> finance.story(pick, MIN_SENTENCES, MAX_SENTENCES, MIN_WORDS)
          : () -> general.document(topic(source), pick, MIN_SENTENCES, MAX_SENTENCES, MIN_WORDS);
      Supplier<String> bounded = () -> {
        for (int attempt = 0; ; attempt++) {
          String text = maker.get();
          int words = FinanceText.words(text);
          if ((words >= MIN_WORDS && words <= MAX_WORDS) || attempt >= 1000) {
            return text;
          }
        }
      };
      lines.add(new Line(unique(bounded, seen, source + " document"), source));
    }
    return lines;
  }

  private static Topic topic(String source) {
    for (Topic topic : Topic.values()) {
      if (topic.source().equals(source)) {
        return topic;
      }
    }
    throw new IllegalArgumentException("no topic for " + source);
  }

  private static String unique(Supplier<String> maker, Set<String> seen, String what) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      String text = maker.get();
      if (seen.add(text)) {
        return text;
      }
    }
    throw new IllegalStateException("demo data: cannot draw another distinct " + what);
  }

  /** One compact JSON object per line: {@code {"text":...,"source":...}}. */
  private static void writeJsonl(Path file, List<Line> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (Line line : lines) {
        json.writeStartObject();
        json.writeStringField("text", line.text());
        if (line.source() != null) {
          json.writeStringField("source", line.source());
        }
        json.writeEndObject();
        json.writeRaw('\n');
      }
    }
  }

  private static void writeLines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }

  private static String readme(long seed, DemoSummary s) {
    return String.join("\n",
        "# CPT Flow demo data (synthetic)",
        "",
        "Generated by `dev.cptflow.activities.demo.DemoData` (version " + VERSION + ") with seed " + seed + ".",
        "Everything here is synthetic: made up from seeded templates and word lists, with no real text,",
        "companies or people. The same seed and version always give byte-identical files.",
        "",
        "It is a miniature of the FinPythia setting: a web-like corpus in which a finance sub-domain is planted,",
        "written like the finance task text, so that selecting documents by similarity to the task text",
        "(ETS-DACP) should find it.",
        "",
        "| File | Content | Count |",
        "|---|---|---|",
        "| `corpus/part-00.jsonl` .. `corpus/part-0" + (CORPUS_PARTS - 1) + ".jsonl` | domain corpus, `{\"text\", \"source\"}` per line,"
            + " shuffled; `source` is `finance` or `general/<topic>` (cooking, sports, travel, gardening, science) | "
            + s.corpusDocs() + " documents (" + DOCS_PER_PART + " per file), " + s.financeDocs() + " of them finance |",
        "| `tasks/fpb-unlabeled.jsonl` | unlabeled task text, `{\"text\"}`: single finance news sentences in the style"
            + " of the Financial PhraseBank | " + s.taskDocs() + " sentences |",
        "| `general-heldout.jsonl` | general documents for held-out perplexity, `{\"text\", \"source\"}`, not in the"
            + " corpus | " + s.heldoutDocs() + " documents |",
        "| `pretrain/general.jsonl` | general documents to pre-train the tiny base model on, not in the corpus | "
            + s.pretrainDocs() + " documents |",
        "| `eval/fpb.txt` | sentiment evaluation, `sentence@label` with labels positive, negative, neutral | "
            + s.fpbItems() + " lines (" + s.fpbItems() / 3 + " per label) |",
        "| `eval/ner.conll` | NER evaluation in CoNLL (`token POS _ tag`, IO tags I-PER, I-ORG, I-LOC, O),"
            + " sentences in the style of loan agreements | " + s.nerSentences() + " sentences |",
        "",
        "Corpus and general documents have " + MIN_SENTENCES + " to " + MAX_SENTENCES + " sentences and "
            + MIN_WORDS + " to " + MAX_WORDS + " words; all documents and all task and FPB sentences are distinct.",
        "");
  }
}
