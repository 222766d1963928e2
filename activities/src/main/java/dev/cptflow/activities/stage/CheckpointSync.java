package dev.cptflow.activities.stage;

import dev.cptflow.activities.lm.train.Checkpoints;
import dev.cptflow.activities.lm.train.TrainerState;
import dev.cptflow.activities.store.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Keeps a training run's checkpoints in the artifact store, where a retry on any worker finds them:
 * {@code <node prefix>/checkpoints/step-K/} holds the checkpoint files and {@code logs/} (the loss and eval
 * logs and the cost so far, as they stood at step K). {@code trainer_state.json} is uploaded last, so a
 * checkpoint without it is incomplete and never resumed from. Only the newest complete checkpoint is kept.
 */
final class CheckpointSync {
  static final String LOGS = "logs";

  private final ArtifactStore store;
  private final String root;

  CheckpointSync(ArtifactStore store, String nodePrefix) {
    this.store = store;
    this.root = nodePrefix + "/" + Checkpoints.DIR;
  }

  /** Uploads a local checkpoint and the logs beside it; returns its store prefix. */
  String upload(int step, Path checkpoint, List<Path> logs) {
    String prefix = root + "/step-" + step;
    try (Stream<Path> files = Files.walk(checkpoint)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String relative = checkpoint.relativize(file).toString().replace('\\', '/');
        if (!relative.equals(TrainerState.FILE)) {
          store.put(prefix + "/" + relative, file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
    for (Path log : logs) {
      if (Files.exists(log)) {
        store.put(prefix + "/" + LOGS + "/" + log.getFileName(), log);
      }
    }
    store.put(prefix + "/" + TrainerState.FILE, checkpoint.resolve(TrainerState.FILE));
    return prefix;
  }

  /** Removes every stored checkpoint older than {@code step}, once a newer one is complete. */
  void pruneBefore(int step) {
    for (int older : completeSteps()) {
      if (older < step) {
        store.deletePrefix(root + "/step-" + older);
      }
    }
  }

  /** The store prefix of the newest complete checkpoint, if any. */
  Optional<String> newest() {
    TreeSet<Integer> steps = completeSteps();
    return steps.isEmpty() ? Optional.empty() : Optional.of(root + "/step-" + steps.last());
  }

  /** Downloads a stored checkpoint into {@code dir}/step-K; its logs land in {@code dir}/step-K/logs. */
  Path download(String prefix, Path dir) {
    String name = prefix.substring(prefix.lastIndexOf('/') + 1);
    Path local = dir.resolve(name);
    for (String key : store.list(prefix)) {
      store.fetch(key, local.resolve(key.substring(prefix.length() + 1)));
    }
    return local;
  }

  void deleteAll() {
    store.deletePrefix(root);
  }

  private TreeSet<Integer> completeSteps() {
    TreeSet<Integer> steps = new TreeSet<>();
    String suffix = "/" + TrainerState.FILE;
    for (String key : store.list(root)) {
      String relative = key.substring(root.length() + 1);
      if (relative.startsWith("step-") && relative.endsWith(suffix) && relative.indexOf('/') == relative.length() - suffix.length()) {
        steps.add(Integer.parseInt(relative.substring("step-".length(), relative.indexOf('/'))));
      }
    }
    return steps;
  }
}
