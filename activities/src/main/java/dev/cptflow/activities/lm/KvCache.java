package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and values of the positions already seen, per layer, so generation feeds one new token per step
 * instead of the whole sequence. The caller owns its lifetime (it holds device memory).
 */
public final class KvCache implements AutoCloseable {
  private final List<NDArray> keys;
  private final List<NDArray> values;

  public KvCache(int layers) {
    keys = new ArrayList<>(java.util.Collections.nCopies(layers, null));
    values = new ArrayList<>(java.util.Collections.nCopies(layers, null));
  }

  /** Positions cached so far. */
  public long length() {
    NDArray first = keys.get(0);
    return first == null ? 0 : first.getShape().get(2);
  }

  /** Appends the new [batch, heads, seq, head_size] keys and values of a layer; returns the full ones. */
  NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
    NDArray allKeys = keys.get(layer) == null ? newKeys : keys.get(layer).concat(newKeys, 2);
    NDArray allValues = values.get(layer) == null ? newValues : values.get(layer).concat(newValues, 2);
    // The step that made them ends its NDScope before the next step reads them.
    NDScope.unregister(allKeys, allValues);
    replace(keys, layer, allKeys);
    replace(values, layer, allValues);
    return new NDArray[] {allKeys, allValues};
  }

  private static void replace(List<NDArray> slots, int layer, NDArray array) {
    NDArray old = slots.get(layer);
    slots.set(layer, array);
    if (old != null && old != array) {
      old.close();
    }
  }

  @Override
  public void close() {
    keys.forEach(array -> {
      if (array != null) {
        array.close();
      }
    });
    values.forEach(array -> {
      if (array != null) {
        array.close();
      }
    });
  }
}
