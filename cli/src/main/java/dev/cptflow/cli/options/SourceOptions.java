package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.SourceFormat;
import dev.cptflow.workflows.api.stage.SpecEnum;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command's documents come from: the fields a spec's {@code corpus} entry has. */
public class SourceOptions {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI",
      description = "Files or globs (*, ?, **, {a,b}): paths, file:/ or s3:// URIs.")
  List<String> inputs;

  @Option(names = "--text-field", descriptionKey = "corpus.text_field", paramLabel = "F",
      description = "Field (dotted path) holding the text, for JSONL and Parquet. Default: ${DEFAULT-VALUE}.")
  String textField;

  @Option(names = "--format", descriptionKey = "corpus.format", paramLabel = "FORMAT",
      description = "auto (by extension), jsonl, parquet, text-lines or text-files. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--id-field", descriptionKey = "corpus.id_field", paramLabel = "F",
      description = "Field holding each record's own id, carried into the outputs as source_id. Default: ${DEFAULT-VALUE}.")
  String idField;

  public List<IngestSource> sources() {
    SourceFormat parsed;
    try {
      parsed = SpecEnum.parse(SourceFormat.class, format, "--format");
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    return inputs.stream().map(uri -> new IngestSource(uri, textField, parsed, idField, null)).toList();
  }

  public List<String> inputs() {
    return inputs;
  }
}
