package dev.cptflow.activities.torch;

import java.nio.file.Path;
import java.util.List;

/**
 * What a worker that serves the torch engine runs jobs with: the interpreter, the extracted trainer, what the probe
 * found there, and the launch template.
 */
public record TorchRuntime(Path python, TorchTrainerFiles files, TorchProbe probe, LaunchTemplate launcher) {
  /** Where Debian's python3-torch is visible: a pyenv or venv python3 first on PATH would not see it. */
  public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");

  /**
   * Extracts the trainer and probes {@code python}; the launcher defaults to one for this host
   * ({@link LaunchTemplate#forHost}). The probe may say no: callers decide whether that stops them.
   */
  public static TorchRuntime prepare(Path python, String launcher, Path cacheRoot) {
    TorchTrainerFiles files = TorchTrainerFiles.extract(cacheRoot);
    TorchProbe probe = TorchProbe.run(python, files);
    return new TorchRuntime(python, files, probe,
        launcher == null || launcher.isBlank() ? LaunchTemplate.forHost(probe) : new LaunchTemplate(launcher));
  }

  /** The same engine, its jobs started by {@code template}. */
  public TorchRuntime withLauncher(String template) {
    return new TorchRuntime(python, files, probe, new LaunchTemplate(template));
  }

  /** The shell line that runs the trainer with {@code args}. */
  public String commandLine(List<String> args) {
    return launcher.expand(python, files, args, probe.devices());
  }

  /** Refuses, in one line that says how to fix it, when this interpreter cannot train. */
  public TorchRuntime requireUsable() {
    if (!probe.ok()) {
      throw new IllegalStateException(python + " cannot run the torch engine: " + probe.error() + "; "
          + TorchProbe.INSTALL_HINT + ", or name another interpreter with --python");
    }
    return this;
  }
}
