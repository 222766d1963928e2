package dev.cptflow.activities.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Seeded choices for the demo generators; the only source of randomness they use. */
final class Pick {
  private final SplittableRandom random;

  Pick(SplittableRandom random) {
    this.random = random;
  }

  <T> T one(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Inclusive on both ends. */
  int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A number in [low, high) with one decimal, as text ({@code 12.4}). */
  String decimal(double low, double high) {
    return oneDecimal(low + random.nextDouble() * (high - low));
  }

  /**
   * Two numbers with one decimal, the first drawn from [low, high) (low at least 1), the second
   * 3-40 % below it when {@code firstLarger}, above it otherwise; never equal.
   */
  String[] ordered(double low, double high, boolean firstLarger) {
    double a = Math.round((low + random.nextDouble() * (high - low)) * 10) / 10.0;
    double change = Math.max(0.1, Math.round(a * (0.03 + random.nextDouble() * 0.37) * 10) / 10.0);
    double b = firstLarger ? a - change : a + change;
    return new String[] {oneDecimal(a), oneDecimal(b)};
  }

  /** {@code 12.4} for a non-negative number; plain arithmetic, faster than a Formatter and locale-free. */
  static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return tenths / 10 + "." + tenths % 10;
  }

  /** {@code 40,000}: digits grouped by commas whatever the default locale. */
  static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Fisher-Yates, in place. */
  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }

  /** {@code count} distinct items in random order. */
  <T> List<T> distinct(List<T> items, int count) {
    List<T> copy = new ArrayList<>(items);
    shuffle(copy);
    return new ArrayList<>(copy.subList(0, count));
  }
}
