package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllNerReaderTest {
  @TempDir Path dir;

  private List<EvalDoc> read(String conll, Map<String, Object> options) throws Exception {
    Path file = Files.writeString(dir.resolve("fin.txt"), conll);
    return EvalFormat.CONLL_NER.read(file, "file:/x/fin.txt", options);
  }

  private static Map<String, Object> entity(String text, String type) {
    return Map.of("text", text, "type", type);
  }

  @Test
  void bioAndIoTagsGroupEntitiesAndUnkeptTypesCountAsO() throws Exception {
    List<EvalDoc> docs = read("-DOCSTART- -X- -X- O\n"
        + "\n"
        + "John NNP _ B-PER\n"
        + "Smith NNP _ I-PER\n"
        + "Mary NNP _ B-PER\n"
        + "met VBD _ O\n"
        + "Acme NNP _ I-ORG\n"
        + "Corp NNP _ I-ORG\n"
        + "in IN _ I-MISC\n"
        + "Boston NNP _ I-LOC\n"
        + "\n\n"
        + "-DOCSTART- -X- -X- O\n"
        + "Nothing NN _ O\n", Map.of("entity_types", List.of("PER", "ORG", "LOC")));

    assertEquals(2, docs.size());
    EvalDoc first = docs.get(0);
    assertEquals("file:/x/fin.txt:3", first.origin());
    assertEquals(List.of("John", "Smith", "Mary", "met", "Acme", "Corp", "in", "Boston"), first.fields().get("tokens"));
    assertEquals(List.of("B-PER", "I-PER", "B-PER", "O", "I-ORG", "I-ORG", "O", "I-LOC"), first.fields().get("tags"));
    assertEquals("John Smith Mary met Acme Corp in Boston", first.fields().get("text"));
    assertEquals(List.of(entity("John Smith", "PER"), entity("Mary", "PER"), entity("Acme Corp", "ORG"), entity("Boston", "LOC")),
        first.fields().get("entities"));
    assertEquals("John Smith, PER\nMary, PER\nAcme Corp, ORG\nBoston, LOC", first.fields().get("answer"));
    assertEquals(List.of("B-PER", "I-PER", "B-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC"), first.fields().get("labels"),
        "BIO tags as PIXIU's preprocess writes them");

    assertEquals("file:/x/fin.txt:14", docs.get(1).origin());
    assertEquals(List.of(), docs.get(1).fields().get("entities"));
    assertEquals("", docs.get(1).fields().get("answer"));
  }

  @Test
  void flaresTestSetKeepsOnlySentencesWithAKeptEntity() throws Exception {
    String conll = "Nothing NN _ O\n\nAcme NNP _ I-ORG\nrose VBD _ O\n\nin IN _ I-MISC\n";
    List<EvalDoc> docs = read(conll, Map.of("entity_types", List.of("PER", "ORG", "LOC"), "with_entities_only", true));
    assertEquals(List.of("Acme rose"), docs.stream().map(doc -> doc.fields().get("text")).toList());
    assertEquals(3, read(conll, Map.of("entity_types", List.of("PER", "ORG", "LOC"))).size());
  }

  @Test
  void withoutEntityTypesEveryTypeIsKeptAndATypeChangeStartsAnEntity() throws Exception {
    EvalDoc doc = read("in I-MISC\nBoston I-LOC\nBank I-ORG\n", Map.of()).get(0);
    assertEquals("in, MISC\nBoston, LOC\nBank, ORG", doc.fields().get("answer"));
  }

  @Test
  void aBadOrMissingTagNamesTheLine() {
    assertEquals("file:/x/fin.txt:2: field 'tag': 'E-PER' is not O, B-TYPE or I-TYPE",
        assertThrows(EvalDataException.class, () -> read("John B-PER\nSmith E-PER\n", Map.of())).getMessage());
    assertEquals("file:/x/fin.txt:3: field 'tag': missing: the line has a single column",
        assertThrows(EvalDataException.class, () -> read("John B-PER\n\nSmith\n", Map.of())).getMessage());
  }
}
