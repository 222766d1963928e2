package dev.cptflow.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoresTest {
  @TempDir Path tmp;

  @Test
  void fileUrisAndPlainPathsOpenLocalStores() {
    Path root = tmp.resolve("root").toAbsolutePath();
    for (String uri : new String[] {"file:" + root, "file://" + root, root.toString()}) {
      try (ArtifactStore store = ArtifactStores.open(uri, null)) {
        LocalStore local = assertInstanceOf(LocalStore.class, store, uri);
        assertEquals(root, local.root(), uri);
      }
    }
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() {
    String relative = "target/" + tmp.getFileName() + "-relative-store";
    try (ArtifactStore store = ArtifactStores.open(relative, null)) {
      Path expected = Path.of("").toAbsolutePath().resolve(relative).normalize();
      assertEquals(expected, ((LocalStore) store).root());
      store.deletePrefix("nothing-there");
    }
  }

  @Test
  void unknownSchemeIsRejectedWithOneLineMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("gs://bucket/x", null));
    assertTrue(e.getMessage().contains("gs://bucket/x") && e.getMessage().contains("s3://"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("", null));
    assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3:/bucket", null));
  }

  @Test
  void bucketNamesAreValidatedBeforeAnyClientIsBuilt() {
    IllegalArgumentException shortName =
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3://ab/prefix", null));
    assertTrue(shortName.getMessage().contains("'ab'") && shortName.getMessage().contains("3-63"),
        shortName.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3://" + "b".repeat(64), null));
    assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3://Upper_Case/x", null));
    assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3:///x", null));
    assertThrows(InvalidKeyException.class, () -> ArtifactStores.open("s3://good-bucket/a/../b", null));
  }
}
