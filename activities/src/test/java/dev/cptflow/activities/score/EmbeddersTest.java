package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddersTest {
  @Test
  void hashedNgramsIsBuiltIn() {
    assertInstanceOf(HashedNgramEmbedder.class, Embedders.open("builtin:hashed-ngrams"));
  }

  @Test
  void unknownBuiltinIsRejectedListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Embedders.open("builtin:bge-small"));
    assertTrue(e.getMessage().contains("builtin:bge-small"), e.getMessage());
    assertTrue(e.getMessage().contains("builtin:all-minilm-l6-v2"), e.getMessage());
    assertTrue(e.getMessage().contains("builtin:hashed-ngrams"), e.getMessage());
  }

  @Test
  void directoryWithoutModelOnnxIsRejectedNamingIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    for (String spec : new String[] {dir.toString(), "file:" + dir, dir.toUri().toString()}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Embedders.open(spec));
      assertTrue(e.getMessage().contains("lacks model.onnx"), e.getMessage());
      assertFalse(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
  }

  @Test
  void emptyDirectoryIsRejectedNamingBothFiles(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Embedders.open(dir.toString()));
    assertEquals(
        "embedding model directory "
            + dir.toAbsolutePath()
            + " lacks model.onnx and tokenizer.json",
        e.getMessage());
  }
}
