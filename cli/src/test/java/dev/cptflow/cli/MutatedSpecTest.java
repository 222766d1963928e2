package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpt validate} on a few hundred seeded mutations of the quickstart spec: bad values and types, duplicate keys,
 * YAML bombs, binary junk, random line edits. Whatever the spec, the command exits 0 (it is valid) or 2 (it is not)
 * with one {@code file:line: field: rule} line per problem, and never shows a stack trace.
 */
class MutatedSpecTest {
  private static final long SEED = 21;
  /** Each run builds the whole picocli command tree (about 40 ms here), so this many take a dozen seconds. */
  private static final int MUTANTS = 200;
  /** {@code key: value} where the value is a plain scalar, in block or flow style. */
  private static final Pattern VALUE = Pattern.compile("(\\w+): ([^,{}\\[\\]\\n]+)");
  private static final List<String> JUNK_VALUES = List.of("-1", "0", "1e400", "99999999999999999999", "''", "~", "[]",
      "{}", "[1, 2]", "{a: 1}", "yes", ".nan", ".inf", "\"a\\nb\"", "'tab\there'", "../../etc", "ftp://x/y.jsonl",
      "s3://", "gs://b/k", "&anchor v", "*undefined", "!!binary aGVsbG8=", "!custom x", "@", "`", "%", "0x1F", "0o17",
      "1_000", "true", "\"\\u0000\"", "\"\\u2028\"", "x".repeat(5_000), "2024-01-01", "\"   \"", "null", "-.5", "1.0e-3",
      "hard", "soft", "finance", "dacp", "\"demo:../../etc/passwd\"", "a..b", "A/B", "\"\\ud800\"");

  @TempDir Path dir;

  private record Mutation(String name, BiFunction<String, SplittableRandom, byte[]> apply) {}

  private static final List<Mutation> MUTATIONS = List.of(
      new Mutation("bad value", (spec, random) -> utf8(replaceValue(spec, random))),
      new Mutation("two bad values", (spec, random) -> utf8(replaceValue(replaceValue(spec, random), random))),
      new Mutation("duplicate line", (spec, random) -> utf8(duplicateLine(spec, random))),
      new Mutation("duplicate flow key", (spec, random) -> utf8(duplicateFlowKey(spec, random))),
      new Mutation("delete line", (spec, random) -> utf8(editLines(spec, random, (lines, i) -> lines.remove((int) i)))),
      new Mutation("swap lines", (spec, random) -> utf8(editLines(spec, random, (lines, i) -> {
        int j = random.nextInt(lines.size());
        String line = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }))),
      new Mutation("indent", (spec, random) -> utf8(editLines(spec, random,
          (lines, i) -> lines.set(i, " ".repeat(1 + random.nextInt(4)) + lines.get(i))))),
      new Mutation("dedent", (spec, random) -> utf8(editLines(spec, random, (lines, i) -> lines.set(i, lines.get(i).strip())))),
      new Mutation("cut", (spec, random) -> utf8(spec.substring(0, random.nextInt(spec.length())))),
      new Mutation("flip a character", (spec, random) -> {
        char[] chars = spec.toCharArray();
        String replacements = ":-[]{}#&*!|>'\"%@`,? \t\nab1";
        chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
        return utf8(new String(chars));
      }),
      new Mutation("binary junk", (spec, random) -> {
        byte[] bytes = spec.getBytes(StandardCharsets.UTF_8);
        byte[] junk = new byte[1 + random.nextInt(64)];
        random.nextBytes(junk);
        int at = random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(junk, 0, junk.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
      }),
      new Mutation("control characters", (spec, random) -> {
        StringBuilder text = new StringBuilder(spec);
        for (int k = 0; k < 3; k++) {
          text.insert(random.nextInt(text.length()), (char) random.nextInt(32));
        }
        return utf8(text.toString());
      }),
      new Mutation("billion laughs", (spec, random) -> {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
          bomb.append("a").append(level).append(": &a").append(level).append(" [")
              .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (level - 1)))).append("]\n");
        }
        return utf8(bomb + spec);
      }),
      new Mutation("recursive alias", (spec, random) -> utf8(spec.replace("variants:", "loop: &loop [*loop]\nvariants:"))),
      new Mutation("alias into a field", (spec, random) -> utf8(spec.replace("seed: 1234", "seed: &s {a: [1, 2]}")
          .replace("ingest: {shard_docs: 5000}", "ingest: {shard_docs: *s}"))),
      new Mutation("deep nesting", (spec, random) -> utf8(spec + "deep: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n")),
      new Mutation("huge document", (spec, random) -> utf8(spec + "# " + "x".repeat(300_000) + "\n")),
      new Mutation("long line", (spec, random) -> utf8(spec.replace("seed: 1234", "seed: " + "9".repeat(20_000)))),
      new Mutation("merge key", (spec, random) -> utf8(spec.replace("ingest: {shard_docs: 5000}",
          "base: &b {shard_docs: 5000}\ningest: {<<: *b}"))),
      new Mutation("not a mapping", (spec, random) -> utf8(List.of("- a\n- b\n", "just text\n", "", "---\n...\n", "42\n")
          .get(random.nextInt(5)))),
      new Mutation("two documents", (spec, random) -> utf8(spec + "---\n" + spec)));

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String replaceValue(String spec, SplittableRandom random) {
    return replaceValue(spec, random, JUNK_VALUES.get(random.nextInt(JUNK_VALUES.size())));
  }

  private static String replaceValue(String spec, SplittableRandom random, String junk) {
    List<int[]> values = new ArrayList<>();
    Matcher matcher = VALUE.matcher(spec);
    while (matcher.find()) {
      if (!spec.substring(spec.lastIndexOf('\n', matcher.start()) + 1, matcher.start()).contains("#")) {
        values.add(new int[] {matcher.start(2), matcher.end(2)});
      }
    }
    int[] value = values.get(random.nextInt(values.size()));
    return spec.substring(0, value[0]) + junk + spec.substring(value[1]);
  }

  private static String duplicateLine(String spec, SplittableRandom random) {
    return editLines(spec, random, (lines, i) -> lines.add(i, lines.get(i)));
  }

  private static String duplicateFlowKey(String spec, SplittableRandom random) {
    Matcher matcher = Pattern.compile("\\{(\\w+): ([^,}]+)").matcher(spec);
    List<int[]> keys = new ArrayList<>();
    while (matcher.find()) {
      keys.add(new int[] {matcher.start(1), matcher.end(2)});
    }
    int[] key = keys.get(random.nextInt(keys.size()));
    String pair = spec.substring(key[0], key[1]);
    return spec.substring(0, key[1]) + ", " + pair + spec.substring(key[1]);
  }

  private interface LineEdit {
    void apply(List<String> lines, Integer index);
  }

  private static String editLines(String spec, SplittableRandom random, LineEdit edit) {
    List<String> lines = new ArrayList<>(List.of(spec.split("\n", -1)));
    edit.apply(lines, random.nextInt(lines.size()));
    return String.join("\n", lines);
  }

  @Test
  void everyMutantExitsZeroOrTwoWithOneLinePerErrorAndNoStackTrace() throws Exception {
    String quickstart = Files.readString(CliContractTest.QUICKSTART);
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, Integer> exits = new TreeMap<>();
    for (int i = 0; i < MUTANTS; i++) {
      // Each junk value once in a field drawn at random, then mutations drawn at random.
      String junk = i < JUNK_VALUES.size() ? JUNK_VALUES.get(i) : null;
      Mutation mutation = junk != null ? new Mutation("junk value", (spec, draw) -> utf8(replaceValue(spec, draw, junk)))
          : MUTATIONS.get(random.nextInt(MUTATIONS.size()));
      byte[] mutant = mutation.apply().apply(quickstart, random.split());
      Path file = Files.write(dir.resolve("mutant-" + i + ".yaml"), mutant);
      CliRunner validate = CliRunner.run("validate", file.toString());
      String what = "mutant " + i + " (" + mutation.name() + "), " + file + ":\n" + preview(mutant) + "\nstdout:\n"
          + validate.out() + "\nstderr:\n" + validate.err();

      assertTrue(validate.exitCode() == 0 || validate.exitCode() == 2, what);
      assertTrue(!(validate.out() + validate.err()).contains("\tat ") && !validate.err().contains("Exception"),
          "no stack trace: " + what);
      if (validate.exitCode() == 0) {
        assertEquals("", validate.err(), what);
        assertEquals(List.of(file + ": ok"), validate.out().lines().map(line -> line.replaceAll(" \\(.*", "")).toList(), what);
      } else {
        assertTrue(validate.errLines() >= 1, what);
        long lines = new String(mutant, StandardCharsets.UTF_8).lines().count() + 1;
        for (String line : validate.err().lines().filter(line -> !line.isBlank()).toList()) {
          Matcher error = Pattern.compile("cpt: " + Pattern.quote(file.toString()) + "(?::(\\d+))?: (.+)").matcher(line);
          assertTrue(error.matches(), "every line is one error naming the file: [" + line + "] in " + what);
          assertTrue(error.group(1) == null || Integer.parseInt(error.group(1)) <= lines,
              "the line is in the file: [" + line + "] in " + what);
        }
      }
      exits.merge(mutation.name() + " -> " + validate.exitCode(), 1, Integer::sum);
    }
    assertTrue(exits.keySet().stream().anyMatch(key -> key.endsWith("-> 0")), "some mutants stay valid: " + exits);
    assertTrue(exits.keySet().stream().filter(key -> key.endsWith("-> 2")).count() >= MUTATIONS.size() - 3,
        "nearly every kind of mutation makes invalid specs: " + exits);
  }

  private static String preview(byte[] mutant) {
    String text = new String(mutant, StandardCharsets.UTF_8);
    return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "... (" + text.length() + " chars)";
  }
}
