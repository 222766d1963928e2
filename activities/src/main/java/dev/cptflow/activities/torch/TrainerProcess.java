package dev.cptflow.activities.torch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's process and everything it starts, as one process group ({@code setsid}), its output in a log
 * file. The worker holds the write end of the group's stdin: the trainer exits with it ({@code --exit-with-stdin}),
 * so even a worker killed by SIGKILL leaves no trainer behind.
 */
final class TrainerProcess implements AutoCloseable {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final long GRACE_SECONDS = 10;

  private final Process process;
  private final OutputStream lifeline;
  private final boolean ownGroup;

  private TrainerProcess(Process process, boolean ownGroup) {
    this.process = process;
    this.lifeline = process.getOutputStream();
    this.ownGroup = ownGroup;
  }

  static TrainerProcess start(String commandLine, Path workDir, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    boolean ownGroup = Files.isExecutable(SETSID);
    if (ownGroup) {
      command.add(SETSID.toString());
    }
    command.addAll(List.of("/bin/sh", "-c", commandLine));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Python buffers stdout when it is a file; the log should show a crash's last words.
    builder.environment().put("PYTHONUNBUFFERED", "1");
    return new TrainerProcess(builder.start(), ownGroup);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code millis}; the exit status, or null while it runs. */
  Integer waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** SIGTERM to the whole group (torchrun passes it to its ranks), SIGKILL after a grace period. */
  void kill() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    signal("TERM", tree);
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS) || tree.stream().anyMatch(ProcessHandle::isAlive)) {
        signal("KILL", tree);
        process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      signal("KILL", tree);
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal, List<ProcessHandle> tree) {
    if (ownGroup) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // The handles below reach the same processes.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Also each process we know of, in case one left the group.
    for (ProcessHandle handle : tree) {
      if (signal.equals("KILL")) {
        handle.destroyForcibly();
      } else {
        handle.destroy();
      }
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    try {
      lifeline.close();
    } catch (IOException e) {
      // The group is gone; its pipe with it.
    }
  }
}
