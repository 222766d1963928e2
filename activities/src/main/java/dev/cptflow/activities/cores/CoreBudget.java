package dev.cptflow.activities.cores;

import java.util.concurrent.Semaphore;

/**
 * The cores one process may keep busy, shared by every activity it runs at once. A worker serving several slots used
 * to let each concurrent training, scoring or evaluation start its own full-width thread pool: libtorch gives every
 * calling thread an OpenMP team as wide as the cores, so two trainings and a scorer on two cores ran six spinning
 * threads, and the one that lost the race (DACP in the quickstart) took 37 times as long. A compute section now holds
 * as many permits as the threads it starts; the semaphore is fair, so a wide section waiting for all the cores is not
 * overtaken forever by narrow ones.
 *
 * <p>Holds nest: a section inside one this thread already holds (a scorer's batch inside the shard's) takes nothing
 * more, so nesting can neither deadlock nor count a thread twice. Sized by {@code -Dcpt.cores} or {@code CPT_CORES},
 * else the cores the JVM sees.
 */
public final class CoreBudget {
  private static final CoreBudget PROCESS = new CoreBudget(configuredCores());

  private final int cores;
  private final Semaphore permits;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  CoreBudget(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("a core budget needs at least one core, not " + cores);
    }
    this.cores = cores;
    this.permits = new Semaphore(cores, true);
  }

  /** The budget of this process. */
  public static CoreBudget process() {
    return PROCESS;
  }

  public int cores() {
    return cores;
  }

  /** Cores not held by anyone right now (for tests and diagnostics; changes as soon as it is read). */
  public int free() {
    return permits.availablePermits();
  }

  boolean hasQueuedThreadsForTest() {
    return permits.hasQueuedThreads();
  }

  /** A held share of the budget; closing it gives the cores back. */
  public interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits until {@code threads} cores (at least one, at most the whole budget) are free and holds them; nested inside a
   * hold of this thread it holds nothing more.
   */
  public Hold hold(int threads) {
    int[] held = depth.get();
    if (held[0]++ > 0) {
      return () -> held[0]--;
    }
    int wanted = Math.max(1, Math.min(cores, threads));
    try {
      permits.acquireUninterruptibly(wanted);
    } catch (RuntimeException e) {
      held[0]--;
      throw e;
    }
    return () -> {
      held[0]--;
      permits.release(wanted);
    };
  }

  private static int configuredCores() {
    String setting = System.getProperty("cpt.cores", System.getenv("CPT_CORES"));
    if (setting != null && !setting.isBlank()) {
      try {
        return Math.max(1, Integer.parseInt(setting.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("cpt.cores / CPT_CORES: '" + setting + "' is not a whole number of cores", e);
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }
}
