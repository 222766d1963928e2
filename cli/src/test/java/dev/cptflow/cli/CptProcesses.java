package dev.cptflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code cpt} commands run as OS processes (JVMs on this test's class path), each logging to a file; close kills them all. */
final class CptProcesses implements AutoCloseable {
  private final Path logDir;
  private final List<Process> processes = new ArrayList<>();
  private final Map<Process, Path> logs = new HashMap<>();

  CptProcesses(Path logDir) {
    this.logDir = logDir;
  }

  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "dev.cptflow.cli.Main"));
    command.addAll(List.of(args));
    Path log = logDir.resolve(args[0] + "-" + processes.size() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    logs.put(process, log);
    return process;
  }

  /** Waits until the process has printed {@code text}; fails with its output if it exits or the time runs out first. */
  void awaitOutput(Process process, String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output(process).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the process exited (" + process.exitValue() + ") before printing '" + text + "':\n"
            + output(process));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output(process));
  }

  String output(Process process) throws IOException {
    return Files.readString(logs.get(process));
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
