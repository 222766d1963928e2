package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceResolverTest {
  @TempDir Path dir;
  private final SourceResolver resolver = new SourceResolver(bucket -> {
    throw new AssertionError("no store expected for local sources");
  });

  @BeforeEach
  void files() throws Exception {
    for (String name : List.of("b.jsonl.zst", "a.jsonl.zst", "c.txt", "sub/d.jsonl.zst", "sub/deeper/e.jsonl.zst")) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.writeString(dir.resolve(name), "x");
    }
  }

  private List<String> names(String uri) {
    return resolver.resolve(uri).stream().map(file -> dir.toUri().relativize(Path.of(file.uri().substring(5)).toUri()).getPath())
        .toList();
  }

  @Test
  void globsExpandToSortedFilesInEverySpelling() {
    assertEquals(List.of("a.jsonl.zst", "b.jsonl.zst"), names("file:" + dir + "/*.jsonl.zst"));
    assertEquals(List.of("a.jsonl.zst", "b.jsonl.zst"), names(dir + "/?.jsonl.zst"));
    assertEquals(List.of("a.jsonl.zst", "c.txt"), names(dir + "/{a.jsonl.zst,c.txt}"));
    assertEquals(List.of("sub/d.jsonl.zst", "sub/deeper/e.jsonl.zst"), names(dir + "/sub/**.jsonl.zst"));
    assertEquals(List.of("c.txt"), names("file://" + dir + "/c.txt"));
  }

  @Test
  void relativeAndAbsolutePathsNameAFileByTheSameUri() {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("a.jsonl.zst"));
    assertEquals(resolver.resolve(dir.resolve("a.jsonl.zst").toString()).get(0).uri(), resolver.resolve(relative.toString()).get(0).uri());
    assertEquals("file:" + dir.resolve("a.jsonl.zst"), resolver.resolve(relative.toString()).get(0).uri());
  }

  @Test
  void aUriMatchingNothingIsAnErrorNamingIt() {
    IllegalArgumentException noMatch = assertThrows(IllegalArgumentException.class, () -> resolver.resolve(dir + "/*.parquet"));
    assertEquals("source '" + dir + "/*.parquet' matches no files", noMatch.getMessage());
    assertThrows(IllegalArgumentException.class, () -> resolver.resolve(dir + "/missing.jsonl"));
    assertEquals("source '" + dir + "/no-such-dir/*.jsonl' matches no files",
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(dir + "/no-such-dir/*.jsonl")).getMessage());
    assertEquals("source '" + dir + "/s*' matches no files",
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve(dir + "/s*")).getMessage(),
        "a glob that matches only a directory matches no files");
  }

  @Test
  void aUriWithASchemeNoReaderKnowsIsRefusedByName() {
    IllegalArgumentException ftp = assertThrows(IllegalArgumentException.class, () -> resolver.resolve("ftp://x/y.jsonl"));
    assertEquals("source 'ftp://x/y.jsonl': unsupported URI scheme 'ftp:'; use a path, file:, s3://, demo: (for a file"
        + " whose name holds a colon, start the path with ./)", ftp.getMessage());
  }
}
