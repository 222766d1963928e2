package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the text field (a dotted path such as {@code meta.body}) of every line of a JSONL file, plain or
 * compressed. Bad lines are never dropped silently: each reason is counted, with the first locations.
 */
public final class JsonlTexts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOCATIONS_KEPT = 5;

  /** What was skipped, by reason, with the first {@code file:line} locations of each. */
  public record Skipped(Map<String, Long> counts, Map<String, List<String>> firstLocations) {
    public long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public String summary() {
      StringBuilder text = new StringBuilder();
      counts.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(reason)
          .append(" (first at ").append(String.join(", ", firstLocations.get(reason))).append(')'));
      return text.toString();
    }
  }

  private JsonlTexts() {}

  /** Calls {@code texts} with each good text in file order; returns what was skipped. */
  public static Skipped read(Path file, String textField, Consumer<String> texts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, List<String>> locations = new LinkedHashMap<>();
    String[] path = textField.split("\\.");
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = CompressedFiles.open(file)) {
      ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(4096);
      long lineNumber = 0;
      int next;
      do {
        next = in.read();
        if (next != '\n' && next != -1) {
          lineBytes.write(next);
          continue;
        }
        if (next == -1 && lineBytes.size() == 0) {
          break;
        }
        lineNumber++;
        String location = file + ":" + lineNumber;
        String line;
        try {
          // Each line is decoded on its own, so one bad byte costs one record, not the rest of the file.
          line = decoder.decode(ByteBuffer.wrap(lineBytes.toByteArray())).toString();
        } catch (CharacterCodingException invalid) {
          skip(counts, locations, "invalid UTF-8", location);
          lineBytes.reset();
          continue;
        }
        lineBytes.reset();
        if (!line.isBlank()) {
          accept(line, location, path, textField, counts, locations, texts);
        }
      } while (next != -1);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return new Skipped(counts, locations);
  }

  private static void accept(String line, String location, String[] path, String textField,
      Map<String, Long> counts, Map<String, List<String>> locations, Consumer<String> texts) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      skip(counts, locations, "invalid JSON", location);
      return;
    }
    for (String part : path) {
      node = node == null ? null : node.get(part);
    }
    if (node == null || !node.isTextual()) {
      skip(counts, locations, "missing field '" + textField + "'", location);
    } else if (node.asText().isBlank()) {
      skip(counts, locations, "empty text", location);
    } else {
      texts.accept(node.asText());
    }
  }

  private static void skip(Map<String, Long> counts, Map<String, List<String>> locations, String reason, String location) {
    counts.merge(reason, 1L, Long::sum);
    List<String> first = locations.computeIfAbsent(reason, ignored -> new ArrayList<>());
    if (first.size() < LOCATIONS_KEPT) {
      first.add(location);
    }
  }
}
