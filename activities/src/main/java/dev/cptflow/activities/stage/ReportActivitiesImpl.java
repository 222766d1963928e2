package dev.cptflow.activities.stage;

import dev.cptflow.activities.report.ReportInput;
import dev.cptflow.activities.report.ReportWriter;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.StageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report stage: the paper-style table, loss curves, score histograms and the selection's precision against a
 * planted sub-domain, as {@code report.md}, {@code report.html}, {@code results.json}, {@code results.csv} and
 * {@code plots/*.png} under the node's prefix. The sweep's own copy under {@code sweeps/<id>/} is written when the
 * sweep's outcome is recorded, so a cached report reaches every sweep that shares it.
 */
public class ReportActivitiesImpl implements ReportActivities {
  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;

  public ReportActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
  }

  @Override
  public StageResult report(NodeRequest request) {
    ArtifactStore store = stores.open(request.storeUri());
    try (ScratchDirectory scratch = artifacts.scratch()) {
      String title = request.sweepId().replaceFirst("-[0-9a-f]{8}$", "");
      ReportInput input = new ReportInputs(request, store, artifacts).gather(title);
      Path out = Files.createDirectories(scratch.resolve("report"));
      List<Path> files = ReportWriter.write(input, out);
      SortedMap<String, String> outputs = new TreeMap<>();
      for (Path file : files) {
        String name = out.relativize(file).toString().replace('\\', '/');
        store.put(request.outputPrefix() + "/" + name, file);
        outputs.put(name, request.outputPrefix() + "/" + name);
      }
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("models", (double) input.rows().size());
      counters.put("plots", (double) files.stream().filter(file -> file.toString().endsWith(".png")).count());
      return new StageResult(request.node().id(), request.node().cacheKey(), request.outputPrefix(), outputs, counters, false);
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": " + e.getMessage(), e);
    }
  }
}
