package dev.cptflow.cli;

import dev.cptflow.cli.options.SpecDefaultProvider;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line and returns its exit code; tests call this with their own writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    CommandLine commandLine = new CommandLine(new CptCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorReporter(debug));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // After every subcommand is added: the provider reaches the whole command tree as it stands now.
    commandLine.setDefaultValueProvider(new SpecDefaultProvider());
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
