package dev.cptflow.activities.lm.safetensors;

/**
 * A file or index that is not valid safetensors, or asks for something it cannot give (an unsupported dtype, a
 * tensor it lacks). Unchecked and distinct from I/O failures so callers can treat it as not worth retrying.
 */
public class SafetensorsFormatException extends RuntimeException {
  public SafetensorsFormatException(String message) {
    super(message);
  }

  public SafetensorsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
