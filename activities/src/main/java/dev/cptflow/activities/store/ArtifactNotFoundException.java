package dev.cptflow.activities.store;

/** The key does not exist in the store. */
public class ArtifactNotFoundException extends ArtifactStoreException {
  private static final long serialVersionUID = 1L;

  public ArtifactNotFoundException(String uri) {
    this(uri, null);
  }

  public ArtifactNotFoundException(String uri, Throwable cause) {
    super("artifact not found: " + uri, cause);
  }
}
