package dev.cptflow.activities.torch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a worker starts a training job: a shell command line with placeholders, e.g.
 * {@code {torchrun} --standalone --nproc_per_node=8 {trainer} {args}} or, under Slurm,
 * {@code srun -N 4 --gpus-per-node 8 torchrun --rdzv-backend c10d --rdzv-endpoint $HEAD:29500 {trainer} {args}}.
 * The line runs under {@code /bin/sh -c} in a process group of its own, so shell variables work and the whole group
 * can be stopped.
 *
 * <ul>
 *   <li>{@code {trainer}}: the trainer script (required), {@code {args}}: its arguments (required);
 *   <li>{@code {python}}: the worker's interpreter; {@code {torchrun}}: {@code {python} launch.py}, torchrun with the
 *       fix PyTorch 1.13 needs on Python 3.11; {@code {devices}}: the GPUs the probe found, or 1.
 * </ul>
 */
public record LaunchTemplate(String template) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
  private static final List<String> KNOWN = List.of("python", "torchrun", "trainer", "args", "devices");

  public LaunchTemplate {
    Matcher matcher = PLACEHOLDER.matcher(template);
    List<String> seen = new ArrayList<>();
    while (matcher.find()) {
      if (!KNOWN.contains(matcher.group(1))) {
        throw new IllegalArgumentException("--train-launcher: unknown placeholder {" + matcher.group(1) + "}; known: "
            + String.join(", ", KNOWN.stream().map(name -> "{" + name + "}").toList()));
      }
      seen.add(matcher.group(1));
    }
    if (!seen.contains("trainer") || !seen.contains("args")) {
      throw new IllegalArgumentException("--train-launcher: must name {trainer} and {args}, got '" + template + "'");
    }
  }

  /** One process on a CPU host; every GPU through torchrun on a GPU host. */
  public static LaunchTemplate forHost(TorchProbe probe) {
    return new LaunchTemplate(probe.cudaDevices() > 0
        ? "{torchrun} --standalone --nproc_per_node={devices} {trainer} {args}"
        : "{python} {trainer} {args}");
  }

  /** The line the shell runs, every substituted path and argument shell-quoted. */
  public String expand(Path python, TorchTrainerFiles files, List<String> args, int devices) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder line = new StringBuilder();
    while (matcher.find()) {
      String value = switch (matcher.group(1)) {
        case "python" -> quote(python.toString());
        case "torchrun" -> quote(python.toString()) + " " + quote(files.launcher().toString());
        case "trainer" -> quote(files.trainer().toString());
        case "args" -> String.join(" ", args.stream().map(LaunchTemplate::quote).toList());
        case "devices" -> Integer.toString(devices);
        default -> throw new IllegalStateException(matcher.group(1));
      };
      matcher.appendReplacement(line, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(line);
    return line.toString();
  }

  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
