package dev.cptflow.workflows.api.stage;

import java.util.Locale;

/** An enum spelled in the spec as its lower-case, dash-separated name ({@code TEXT_LINES} is {@code text-lines}). */
public interface SpecEnum {

  String name();

  default String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant spelled {@code key}, as the spec and the command line write it. */
  static <E extends Enum<E> & SpecEnum> E parse(Class<E> type, String key, String field) {
    for (E value : type.getEnumConstants()) {
      if (value.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return value;
      }
    }
    throw new IllegalArgumentException(field + ": must be one of "
        + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(SpecEnum::key).toList())
        + ", got '" + key + "'");
  }
}
