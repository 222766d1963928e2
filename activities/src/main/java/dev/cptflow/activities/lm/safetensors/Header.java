package dev.cptflow.activities.lm.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A safetensors JSON header: its tensor entries and {@code __metadata__}, parsed and validated, or encoded. */
record Header(Map<String, String> metadata, List<TensorInfo> tensors) {
  static final String METADATA_KEY = "__metadata__";

  /** The reference implementation refuses larger headers too; it also bounds what a corrupt length can cost us. */
  static final long MAX_HEADER_BYTES = 100_000_000;

  /** Compact, sorted-key JSON, as the safetensors libraries write it. */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  Header {
    metadata = Map.copyOf(metadata);
    tensors = List.copyOf(tensors);
  }

  /**
   * Parses a header and checks every entry against the data section it describes, so that reads later cannot
   * run outside the file. {@code source} names the file in messages.
   */
  static Header parse(byte[] json, long dataLength, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new SafetensorsFormatException(source + ": header is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new SafetensorsFormatException(source + ": header is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorInfo> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals(METADATA_KEY)) {
        // The spec says string values; tolerate others as their JSON text rather than reject a usable file.
        field.getValue().fields().forEachRemaining(
            m -> metadata.put(m.getKey(), m.getValue().isTextual() ? m.getValue().asText() : m.getValue().toString()));
      } else {
        tensors.add(parseTensor(field.getKey(), field.getValue(), dataLength, source));
      }
    }
    tensors.sort(Comparator.comparing(TensorInfo::name));
    return new Header(metadata, tensors);
  }

  private static TensorInfo parseTensor(String name, JsonNode entry, long dataLength, String source) {
    String where = source + ": tensor " + name;
    String dtypeName = entry.path("dtype").asText("");
    SafeDtype dtype = SafeDtype.fromHeaderName(dtypeName)
        .orElseThrow(() -> new SafetensorsFormatException(
            where + " has dtype '" + dtypeName + "', which is not supported (supported: "
                + Arrays.toString(SafeDtype.values()) + ")"));
    long[] shape = nonNegativeLongs(entry.path("shape"), where, "shape");
    long[] offsets = nonNegativeLongs(entry.path("data_offsets"), where, "data_offsets");
    if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataLength) {
      throw new SafetensorsFormatException(
          where + ": data_offsets " + Arrays.toString(offsets) + " are not a range within the "
              + dataLength + "-byte data section");
    }
    long byteLength = offsets[1] - offsets[0];
    try {
      long expected = Math.multiplyExact(TensorInfo.elementCount(shape), dtype.byteSize());
      if (expected != byteLength) {
        throw new SafetensorsFormatException(
            where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                + " bytes but data_offsets give " + byteLength);
      }
    } catch (ArithmeticException e) {
      throw new SafetensorsFormatException(where + ": shape " + Arrays.toString(shape) + " overflows", e);
    }
    return new TensorInfo(name, dtype, shape, offsets[0], byteLength);
  }

  private static long[] nonNegativeLongs(JsonNode array, String where, String field) {
    if (!array.isArray()) {
      throw new SafetensorsFormatException(where + ": " + field + " is missing or not an array");
    }
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode value = array.get(i);
      if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
        throw new SafetensorsFormatException(where + ": " + field + " holds " + value + ", not a non-negative integer");
      }
      values[i] = value.asLong();
    }
    return values;
  }

  /**
   * The header bytes as written: sorted keys, padded with spaces to a multiple of 8 bytes so the data section
   * (and, with the writer's layout, every tensor) starts aligned — what the safetensors libraries do.
   */
  byte[] encode() {
    Map<String, Object> root = new TreeMap<>();
    root.put(METADATA_KEY, metadata);
    for (TensorInfo tensor : tensors) {
      root.put(tensor.name(), Map.of(
          "dtype", tensor.dtype().name(),
          "shape", tensor.shape(),
          "data_offsets", new long[] {tensor.byteOffset(), tensor.byteOffset() + tensor.byteLength()}));
    }
    try {
      byte[] json = MAPPER.writeValueAsBytes(root);
      int padding = (8 - json.length % 8) % 8;
      byte[] padded = Arrays.copyOf(json, json.length + padding);
      Arrays.fill(padded, json.length, padded.length, (byte) ' ');
      return padded;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a safetensors header", e);
    }
  }
}
