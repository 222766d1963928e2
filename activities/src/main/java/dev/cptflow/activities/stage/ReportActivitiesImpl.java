package dev.cptflow.activities.stage;

import dev.cptflow.activities.report.ReportInput;
import dev.cptflow.activities.report.ReportWriter;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.ReportOutput;
import io.temporal.activity.Activity;
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
  private final StageContext context;

  public ReportActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public StageResult report(NodeRequest request) {
    ArtifactStore store = context.stores().open(request.storeUri());
    try (ScratchDirectory scratch = context.artifacts().scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      String title = request.sweepId().replaceFirst("-[0-9a-f]{8}$", "");
      ReportInput input = new ReportInputs(request, store, context.artifacts()).gather(title);
      Path out = Files.createDirectories(scratch.resolve("report"));
      List<Path> files = ReportWriter.write(input, out);
      SortedMap<String, String> outputs = new TreeMap<>();
      for (Path file : files) {
        String name = out.relativize(file).toString().replace('\\', '/');
        store.put(request.outputPrefix() + "/" + name, file);
        outputs.put(name, request.outputPrefix() + "/" + name);
      }
      int plots = (int) files.stream().filter(file -> file.toString().endsWith(".png")).count();
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("models", (double) input.rows().size());
      counters.put("plots", (double) plots);
      return request.result(new ReportOutput(request.outputPrefix(), outputs, input.rows().size(), plots), counters);
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": " + e.getMessage(), e);
    }
  }
}
