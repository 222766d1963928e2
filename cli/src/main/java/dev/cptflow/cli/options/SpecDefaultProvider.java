package dev.cptflow.cli.options;

import dev.cptflow.workflows.spec.SpecDefaults;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands that run one stage take the spec's defaults: an option names the spec field it stands for in its
 * {@code descriptionKey} ({@code training.lr}), and its default is that field's ({@link SpecDefaults}), so
 * {@code cpt train} trains as a sweep does unless told otherwise. Other description keys (picocli gives its standard
 * help options some) are not spec fields and keep their own defaults.
 */
public final class SpecDefaultProvider implements IDefaultValueProvider {
  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option && option.descriptionKey() != null && SpecDefaults.hasOption(option.descriptionKey())) {
      return SpecDefaults.forOption(option.descriptionKey());
    }
    return null;
  }
}
