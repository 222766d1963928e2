package dev.cptflow.workflows.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URIs a spec may name its inputs with (corpus, task data, held-out and eval data, models): a path, relative or
 * absolute, {@code file:}, {@code s3://bucket/...}, or {@code demo:} (the demo data set, a {@code LocalScheme} that
 * workers and commands register). The spec loader checks them when a spec is validated and the readers again when
 * they resolve one, so {@code ftp://x/y.jsonl} is refused by name rather than read as a file that matches nothing.
 */
public final class UriSchemes {
  public static final String FILE = "file:";
  public static final String S3 = "s3://";
  public static final String DEMO = "demo:";
  /** Every scheme this build reads; a new {@code LocalScheme} must be listed here to be registered. */
  public static final List<String> PREFIXES = List.of(FILE, S3, DEMO);

  /** What RFC 3986 calls a scheme: a letter, then letters, digits, '+', '-' or '.', then ':'. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private UriSchemes() {}

  /** Why {@code uri} names nothing this build can read, or null when it is a path or has a supported scheme. */
  public static String problem(String uri) {
    Matcher scheme = SCHEME.matcher(uri);
    if (!scheme.find()) {
      return null;
    }
    if (uri.startsWith(S3)) {
      return uri.length() == S3.length() || uri.charAt(S3.length()) == '/' ? "an s3:// URI needs a bucket: s3://bucket/key"
          : null;
    }
    if (PREFIXES.stream().anyMatch(uri::startsWith)) {
      return null;
    }
    if (scheme.group(1).equalsIgnoreCase("s3")) {
      return "an s3 URI is written s3://bucket/key";
    }
    return "unsupported URI scheme '" + scheme.group(1) + ":'; use a path, " + String.join(", ", PREFIXES)
        + " (for a file whose name holds a colon, start the path with ./)";
  }
}
