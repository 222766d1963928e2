package dev.cptflow.activities.eval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON parsing shared by the JSON-based readers. */
final class Json {
  /**
   * Duplicate keys would silently keep the last value (dropping a FiQA post or a row field), and
   * trailing tokens would hide two objects run together on one JSONL line: both are errors instead.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** Jackson's reason without its multi-line source excerpt. */
  static String problem(JsonProcessingException e) {
    return String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
  }
}
