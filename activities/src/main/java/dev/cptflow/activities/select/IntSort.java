package dev.cptflow.activities.select;

/** A stable merge sort of {@code int} indices with a comparator, so ten million rows need no boxing. */
final class IntSort {
  private IntSort() {}

  interface IntComparator {
    int compare(int a, int b);
  }

  static void sort(int[] values, IntComparator comparator) {
    if (values.length < 2) {
      return;
    }
    int[] buffer = new int[values.length];
    int[] from = values;
    int[] to = buffer;
    for (int i = 0; i < values.length; i += 32) {
      insertion(values, i, Math.min(i + 32, values.length), comparator);
    }
    for (int width = 32; width < values.length; width *= 2) {
      for (int low = 0; low < values.length; low += 2 * width) {
        int mid = Math.min(low + width, values.length);
        int high = Math.min(low + 2 * width, values.length);
        int i = low;
        int j = mid;
        int k = low;
        while (i < mid && j < high) {
          to[k++] = comparator.compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
        }
        while (i < mid) {
          to[k++] = from[i++];
        }
        while (j < high) {
          to[k++] = from[j++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != values) {
      System.arraycopy(from, 0, values, 0, values.length);
    }
  }

  private static void insertion(int[] values, int low, int high, IntComparator comparator) {
    for (int i = low + 1; i < high; i++) {
      int value = values[i];
      int j = i - 1;
      while (j >= low && comparator.compare(values[j], value) > 0) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = value;
    }
  }
}
