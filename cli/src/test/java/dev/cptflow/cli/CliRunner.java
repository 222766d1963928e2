package dev.cptflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code cpt} in-process and captures what a user would see. */
record CliRunner(int exitCode, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRunner(exitCode, out.toString(), err.toString());
  }

  /** The command line made of several parts (a command, shared connection flags, its own arguments). */
  static String[] args(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  long errLines() {
    return err.lines().filter(line -> !line.isBlank()).count();
  }
}
