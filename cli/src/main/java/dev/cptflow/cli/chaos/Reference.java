package dev.cptflow.cli.chaos;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.flow.WorkflowIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The undisturbed run the chaos run is compared with: {@code cpt run} of the same spec on this machine into a local
 * store of its own. A store that already holds that sweep's completed run is used as it is (the spec and the build
 * decide every output, so running it again would only repeat it).
 *
 * @param seconds how long the undisturbed run took
 */
record Reference(Path storeDir, String sweepId, double seconds) {
  private static final String SECONDS_FILE = "chaos-reference-seconds.txt";

  static Reference ensure(CptProcesses processes, Path spec, Path storeDir, ExperimentGraph graph, PrintWriter out)
      throws IOException, InterruptedException {
    String sweepId = WorkflowIds.sweepId(graph);
    Path timing = storeDir.resolve(SECONDS_FILE);
    if (completed(storeDir, sweepId) && Files.exists(timing)) {
      double seconds = Double.parseDouble(Files.readString(timing).strip());
      out.printf(Locale.ROOT, "chaos: undisturbed run of %s found in %s (it took %.0f s)%n", sweepId, storeDir, seconds);
      out.flush();
      return new Reference(storeDir, sweepId, seconds);
    }
    out.println("chaos: running " + spec + " undisturbed first ('cpt run' into " + storeDir + ")");
    out.flush();
    long started = System.nanoTime();
    Process run = processes.start("run", "--no-progress", "--store", storeDir.toString(), spec.toString());
    int exit = run.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0 || !completed(storeDir, sweepId)) {
      throw new IllegalStateException("the undisturbed run failed (exit " + exit + "); see " + processes.log(run));
    }
    Files.writeString(timing, String.format(Locale.ROOT, "%.1f%n", seconds));
    out.printf(Locale.ROOT, "chaos: undisturbed run took %.0f s%n", seconds);
    out.flush();
    return new Reference(storeDir, sweepId, seconds);
  }

  ArtifactStore store(StoreRegistry stores) {
    return stores.open("file:" + storeDir.toAbsolutePath().normalize());
  }

  private static boolean completed(Path storeDir, String sweepId) {
    if (!Files.isDirectory(storeDir)) {
      return false;
    }
    try (StoreRegistry stores = new StoreRegistry(dev.cptflow.activities.store.S3Config.defaults())) {
      return new SweepLedger(stores.open("file:" + storeDir.toAbsolutePath().normalize())).outcome(sweepId)
          .map(outcome -> outcome.succeeded()).orElse(false);
    }
  }
}
