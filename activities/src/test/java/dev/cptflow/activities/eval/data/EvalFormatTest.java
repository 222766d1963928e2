package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFormatTest {
  @TempDir Path dir;

  @Test
  void keysRoundTripAndAnUnknownKeyListsTheKnownOnes() {
    for (EvalFormat format : EvalFormat.values()) {
      assertEquals(format, EvalFormat.fromKey(format.key()));
    }
    assertEquals("unknown evaluation data format 'csv' (known: fpb, fiqa_sa, headlines, conll_ner, rows)",
        assertThrows(IllegalArgumentException.class, () -> EvalFormat.fromKey("csv")).getMessage());
  }

  @Test
  void aMisspeltOptionIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("fin.txt"), "John B-PER\n");
    assertEquals("evaluation data format 'conll_ner' has no option 'entity_type' (known: entity_types, with_entities_only)",
        assertThrows(IllegalArgumentException.class,
            () -> EvalFormat.CONLL_NER.read(file, "file:/x/fin.txt", Map.of("entity_type", "PER"))).getMessage());
  }
}
