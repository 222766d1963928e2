package dev.cptflow.workflows.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void knownVectors() {
    assertEquals(ABC, Sha256.hex("abc"));
    assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(HexFormat.of().parseHex(ABC), Sha256.digest("abc"));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(""));
  }

  @Test
  void stringsAreHashedAsUtf8() {
    String text = "Zürich €";
    assertEquals(Sha256.hex(text.getBytes(StandardCharsets.UTF_8)), Sha256.hex(text));
  }

  @Test
  void prefixLongIsTheFirstEightBytesBigEndian() {
    assertEquals(0xba7816bf8f01cfeaL, Sha256.prefixLong("abc"));
  }

  @Test
  void repeatedCallsOnOneThreadDoNotCarryState() {
    Sha256.digest("something else first");
    assertEquals(ABC, Sha256.hex("abc"));
    assertEquals(ABC, Sha256.hex("abc"));
  }

  @Test
  void aPrefixHasherHashesThePrefixAndTheTextAsOneString() {
    Sha256.PrefixHasher hasher = Sha256.prefixed("1234:");
    String longId = "doc-" + "x".repeat(200); // past the hasher's first buffer
    for (String id : new String[] {"doc-0000000042", "", "Zürich €", longId, "doc-0000000042", "日本"}) {
      assertEquals(Sha256.prefixLong("1234:" + id), hasher.prefixLong(id), id);
    }
  }
}
