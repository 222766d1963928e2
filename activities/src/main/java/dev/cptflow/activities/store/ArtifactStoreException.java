package dev.cptflow.activities.store;

/** A store operation failed; the message names the full URI of the key involved. */
public class ArtifactStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ArtifactStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
