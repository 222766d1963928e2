package dev.cptflow.activities.eval.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code entity, TYPE} answers, one per line (or separated by {@code ;}, as FLARE's example writes them),
 * into {@code "entity\tTYPE"} keys. A line without a comma names no entity and is ignored; the type is the text
 * after the last comma, so an entity may contain commas ("Smith, Barney & Co., ORG").
 */
final class EntityLines {
  private EntityLines() {}

  static List<String> parse(String text) {
    List<String> entities = new ArrayList<>();
    for (String part : text.split("[\\n;]")) {
      int comma = part.lastIndexOf(',');
      if (comma < 0) {
        continue;
      }
      String entity = part.substring(0, comma).strip();
      String type = part.substring(comma + 1).strip().toUpperCase(Locale.ROOT);
      if (!entity.isEmpty() && !type.isEmpty()) {
        entities.add(entity + "\t" + type);
      }
    }
    return entities;
  }
}
