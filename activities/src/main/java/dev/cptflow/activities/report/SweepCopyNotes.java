package dev.cptflow.activities.report;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a sweep's own copy of a shared report adds: the cache entries this sweep found not matching their artifacts
 * and computed again. The report node itself is shared by sweeps with the same graph, so it cannot say this.
 */
public final class SweepCopyNotes {
  static final String HEADING = "Recomputed cache entries";

  private SweepCopyNotes() {}

  /** {@code content} of the report file {@code name}, with a section listing {@code recomputed} (node → why). */
  public static byte[] withRecomputed(String name, byte[] content, Map<String, String> recomputed) {
    if (recomputed.isEmpty() || !(name.endsWith(".md") || name.endsWith(".html"))) {
      return content;
    }
    String text = new String(content, StandardCharsets.UTF_8);
    StringBuilder section = new StringBuilder();
    if (name.endsWith(".md")) {
      section.append("## ").append(HEADING).append("\n\n");
      recomputed.forEach((node, why) -> section.append("- ").append(MarkdownReport.inline(node + ": " + why)).append('\n'));
      return (text + (text.endsWith("\n\n") ? "" : "\n") + section).getBytes(StandardCharsets.UTF_8);
    }
    section.append("<h2>").append(HEADING).append("</h2>\n<ul>\n");
    recomputed.forEach((node, why) -> section.append("<li>").append(HtmlReport.escape(node + ": " + why)).append("</li>\n"));
    section.append("</ul>\n");
    int end = text.lastIndexOf("</body>");
    return (end < 0 ? text + section : text.substring(0, end) + section + text.substring(end)).getBytes(StandardCharsets.UTF_8);
  }
}
