package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FpbReaderTest {
  private static final String LINES = "Net sales rose 5 % to EUR 1.2 mn in Orléans@positive\n"
      + "\n"
      + "Contact ir@example.com for the report .@Neutral\r\n";

  @TempDir Path dir;

  private List<EvalDoc> read(byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve("fpb.txt"), bytes);
    return EvalFormat.FPB.read(file, "file:/x/fpb.txt", Map.of());
  }

  @Test
  void latin1AndUtf8FilesDecodeToTheSameDocuments() throws Exception {
    List<EvalDoc> latin1 = read(LINES.getBytes(StandardCharsets.ISO_8859_1));
    byte[] utf8 = LINES.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[utf8.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, withBom, 3, utf8.length);

    assertEquals(List.of(
        new EvalDoc(Map.of("sentence", "Net sales rose 5 % to EUR 1.2 mn in Orléans", "text",
            "Net sales rose 5 % to EUR 1.2 mn in Orléans", "label", "positive"), "file:/x/fpb.txt:1"),
        new EvalDoc(Map.of("sentence", "Contact ir@example.com for the report .", "text",
            "Contact ir@example.com for the report .", "label", "neutral"), "file:/x/fpb.txt:3")), latin1);
    assertEquals(latin1, read(utf8));
    assertEquals(latin1, read(withBom));
    assertEquals(List.of("sentence", "text", "label"), List.copyOf(latin1.get(0).fields().keySet()));
  }

  @Test
  void anUnknownLabelNamesTheFileLineAndField() {
    EvalDataException e = assertThrows(EvalDataException.class,
        () -> read("Fine@positive\nBad one@postive\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("file:/x/fpb.txt:2: field 'label': 'postive' is not one of negative, neutral, positive", e.getMessage());
  }

  @Test
  void aLineWithoutLabelOrSentenceIsAnError() {
    assertEquals("file:/x/fpb.txt:1: field 'label': missing: no '@' before a label", assertThrows(EvalDataException.class,
        () -> read("no label here\n".getBytes(StandardCharsets.UTF_8))).getMessage());
    assertEquals("file:/x/fpb.txt:1: field 'sentence': empty", assertThrows(EvalDataException.class,
        () -> read("  @negative\n".getBytes(StandardCharsets.UTF_8))).getMessage());
  }
}
