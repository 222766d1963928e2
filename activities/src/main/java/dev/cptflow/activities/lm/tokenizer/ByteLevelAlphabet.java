package dev.cptflow.activities.lm.tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * GPT-2's {@code bytes_to_unicode} table: every byte gets a printable character, so a byte-level
 * vocabulary can be stored as JSON strings (a space becomes {@code Ġ}, a newline {@code Ċ}). HF's
 * ByteLevel pre-tokenizer and decoder use the same table, which is why our vocabulary must too.
 */
final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = buildTable();

  private ByteLevelAlphabet() {}

  /** The character that stands for {@code b} (0..255). */
  static char symbol(int b) {
    return BYTE_TO_CHAR[b];
  }

  /** The 256 byte symbols in code-point order, the order HF's BPE trainer gives them ids in. */
  static List<String> symbolsInCodePointOrder() {
    List<String> symbols = new ArrayList<>(256);
    for (char c : BYTE_TO_CHAR) {
      symbols.add(String.valueOf(c));
    }
    Collections.sort(symbols);
    return symbols;
  }

  private static char[] buildTable() {
    char[] table = new char[256];
    int next = 0;
    for (int b = 0; b < 256; b++) {
      // Printable Latin-1 bytes stand for themselves; the rest are shifted past U+00FF in byte order.
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[b] = printable ? (char) b : (char) (256 + next++);
    }
    return table;
  }
}
