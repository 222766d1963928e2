package dev.cptflow.workflows.spec;

import java.util.Locale;

/** An enum spelled in the spec as its lower-case, dash-separated name ({@code ETS_DACP} is {@code ets-dacp}). */
public interface SpecEnum {

  String name();

  default String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
