package dev.cptflow.cli.commands;

import dev.cptflow.activities.demo.DemoBaseModel;
import dev.cptflow.activities.demo.DemoData;
import dev.cptflow.activities.demo.DemoFiles;
import dev.cptflow.activities.demo.DemoSummary;
import dev.cptflow.cli.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "demo-data", mixinStandardHelpOptions = true,
    header = "Write the seeded demo data set (corpus with a planted finance sub-domain, tasks, eval sets, base model).",
    description = {
      "Write the seeded demo data set: a 20,000-document corpus with a planted finance sub-domain",
      "(every document labelled with its source), the task text, a general held-out set, FPB and",
      "FIN-NER evaluation files, and a tiny base model pre-trained on general text. Specs can also",
      "name these files as demo:PATH (demo:corpus/*.jsonl, demo:base-model), which builds them once",
      "into the local cache; this command writes a copy to look at or to edit.",
      ""
    })
public class DemoDataCommand extends CommandBase {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or new directory.")
  Path out;

  @Option(names = "--seed", defaultValue = "" + DemoFiles.SEED, showDefaultValue = Visibility.ALWAYS, paramLabel = "S")
  long seed;

  @Option(names = "--no-model", description = "Write the data only, without pre-training the base model.")
  boolean noModel;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = out();
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new UserError("--out " + out + ": the directory is not empty");
        }
      }
    }
    long start = System.nanoTime();
    DemoSummary summary = DemoData.write(out, seed);
    console.printf(Locale.ROOT, "wrote %,d corpus documents (%,d finance), %,d task texts, %,d held-out, %,d pre-training,"
        + " %d FPB items, %d NER sentences to %s%n", summary.corpusDocs(), summary.financeDocs(), summary.taskDocs(),
        summary.heldoutDocs(), summary.pretrainDocs(), summary.fpbItems(), summary.nerSentences(), out);
    if (!noModel) {
      console.println("pre-training the base model on the general documents ...");
      console.flush();
      Path model = DemoBaseModel.build(out, seed);
      console.printf(Locale.ROOT, "wrote %s (%.1fs in all)%n", model, (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}
