package dev.cptflow.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cpt} commands run as OS processes of this same build (the java and class path this JVM runs on: the fat
 * jar, or a test's class path), each logging to its own file; {@link #close} kills those still running.
 */
public final class CptProcesses implements AutoCloseable {
  private final Path logDir;
  private final Map<String, String> environment;
  private final List<Process> processes = new ArrayList<>();
  private final Map<Process, Path> logs = new HashMap<>();

  /** @param environment added to this process's own for every child */
  public CptProcesses(Path logDir, Map<String, String> environment) {
    this.logDir = logDir;
    this.environment = Map.copyOf(environment);
  }

  public CptProcesses(Path logDir) {
    this(logDir, Map.of());
  }

  public synchronized Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        // Nothing is downloaded at run time, as with the launcher script.
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.cptflow.cli.Main"));
    command.addAll(List.of(args));
    Files.createDirectories(logDir);
    Path log = logDir.resolve(args[0] + "-" + processes.size() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    processes.add(process);
    logs.put(process, log);
    return process;
  }

  /** Waits until the process has printed {@code text}; fails with its output if it exits or the time runs out first. */
  public void awaitOutput(Process process, String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output(process).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the process exited (" + process.exitValue() + ") before printing '" + text
            + "':\n" + output(process));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no '" + text + "' within " + timeout + ":\n" + output(process));
  }

  public String output(Process process) throws IOException {
    return Files.readString(logs.get(process));
  }

  public Path log(Process process) {
    return logs.get(process);
  }

  @Override
  public synchronized void close() {
    processes.forEach(Process::destroyForcibly);
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
