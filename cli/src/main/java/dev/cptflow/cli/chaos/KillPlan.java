package dev.cptflow.cli.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How many kills each kind of stage gets and, for each, when after its activity starts: all drawn from the seed, so
 * the same seed gives the same schedule (relative to the work it hits; the machine decides how long work takes).
 * With at least seven kills every kind gets one; the rest, or fewer than seven, go mostly where a sweep spends its
 * time (fewer than seven to as many kinds).
 */
final class KillPlan {
  static final List<ChaosStage> TARGETS = List.of(ChaosStage.INGEST, ChaosStage.SCORE, ChaosStage.SELECT, ChaosStage.PACK,
      ChaosStage.TRAIN, ChaosStage.EVAL, ChaosStage.REPORT);
  /** Where kills beyond the first of each kind go: the long stages, with several activities each. */
  private static final Map<ChaosStage, Integer> WEIGHTS = Map.of(ChaosStage.INGEST, 1, ChaosStage.SCORE, 3,
      ChaosStage.SELECT, 1, ChaosStage.PACK, 1, ChaosStage.TRAIN, 4, ChaosStage.EVAL, 3, ChaosStage.REPORT, 0);
  /** Until a kind's activities have been seen to finish, a kill lands within this long of one starting. */
  private static final Map<ChaosStage, Long> FIRST_GUESS_MILLIS = Map.of(ChaosStage.INGEST, 4_000L, ChaosStage.SCORE, 8_000L,
      ChaosStage.SELECT, 1_000L, ChaosStage.PACK, 2_000L, ChaosStage.TRAIN, 20_000L, ChaosStage.EVAL, 8_000L,
      ChaosStage.REPORT, 1_000L);

  private final SplittableRandom random;
  private final EnumMap<ChaosStage, Integer> remaining = new EnumMap<>(ChaosStage.class);

  KillPlan(int kills, long seed) {
    random = new SplittableRandom(seed);
    TARGETS.forEach(stage -> remaining.put(stage, 0));
    List<ChaosStage> unpicked = new ArrayList<>(TARGETS);
    for (int kill = 0; kill < kills; kill++) {
      ChaosStage stage;
      if (kills < TARGETS.size()) {
        stage = weighted(unpicked, 1);
        unpicked.remove(stage);
      } else if (kill < TARGETS.size()) {
        stage = TARGETS.get(kill);
      } else {
        stage = weighted(TARGETS, 0);
      }
      remaining.merge(stage, 1, Integer::sum);
    }
  }

  /** One of {@code stages}, drawn by weight (plus {@code extra} each, so that every one can be drawn). */
  private ChaosStage weighted(List<ChaosStage> stages, int extra) {
    int total = stages.stream().mapToInt(stage -> WEIGHTS.get(stage) + extra).sum();
    int draw = random.nextInt(total);
    for (ChaosStage stage : stages) {
      draw -= WEIGHTS.get(stage) + extra;
      if (draw < 0) {
        return stage;
      }
    }
    throw new IllegalStateException("weights sum to " + total);
  }

  boolean wants(ChaosStage stage) {
    return remaining.getOrDefault(stage, 0) > 0;
  }

  int remaining() {
    return remaining.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Kills still planned for {@code last} or any kind before it in the pipeline. */
  int remainingThrough(ChaosStage last) {
    return TARGETS.subList(0, TARGETS.indexOf(last) + 1).stream().mapToInt(stage -> remaining.getOrDefault(stage, 0)).sum();
  }

  Map<ChaosStage, Integer> remainingByStage() {
    return new EnumMap<>(remaining);
  }

  /**
   * A random moment within the activity's likely run: up to the median time this kind's activities took so far
   * ({@code typicalMillis}, 0 when none finished yet), else a first guess.
   */
  long delayMillis(ChaosStage stage, long typicalMillis) {
    long span = typicalMillis > 0 ? typicalMillis : FIRST_GUESS_MILLIS.get(stage);
    return 100 + (long) (random.nextDouble() * Math.max(200, span * 0.9));
  }

  void done(ChaosStage stage) {
    remaining.merge(stage, -1, Integer::sum);
  }

  /** A kind whose work is all finished hands its kills on to the next kind in the pipeline that still has work. */
  void handOn(ChaosStage finished, List<ChaosStage> stillRunning) {
    int left = remaining.getOrDefault(finished, 0);
    if (left == 0) {
      return;
    }
    for (ChaosStage next : TARGETS.subList(TARGETS.indexOf(finished) + 1, TARGETS.size())) {
      if (stillRunning.contains(next)) {
        remaining.put(finished, 0);
        remaining.merge(next, left, Integer::sum);
        return;
      }
    }
  }
}
