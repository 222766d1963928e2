package dev.cptflow.cli;

import dev.cptflow.workflows.spec.LoadedSpec;
import dev.cptflow.workflows.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a spec file for a command, with the file named in every error. */
public final class SpecFiles {
  private SpecFiles() {}

  public record SpecFile(LoadedSpec loaded, String text) {}

  public static SpecFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new UserError(path + ": no such spec file");
    }
    try {
      String text = Files.readString(path);
      return new SpecFile(SpecLoader.parse(text, path.toString()), text);
    } catch (MalformedInputException e) {
      throw new UserError(path + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UserError(path + ": cannot read: " + e.getMessage());
    }
  }
}
