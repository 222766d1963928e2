package dev.cptflow.activities.ledger;

import dev.cptflow.activities.stage.Heartbeats;
import dev.cptflow.activities.store.ArtifactNotFoundException;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.ArtifactStoreException;
import dev.cptflow.activities.store.Json;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a unit of work (a node, a score shard, a metric's fit) once across every process that shares a store: two
 * {@code cpt run}s of one spec, or two sweeps with nodes in common, each against its own Temporal server. Whoever
 * finds the unit unclaimed claims it and does it; the others wait, heartbeating, until it is done and then take its
 * output as a cache hit.
 *
 * <p>A claim is an object {@code <node prefix>/_lease/<unit>/<time>-<random>.json}. Stores offer no compare-and-set
 * that every S3-compatible server honours (S3Proxy ignores {@code If-None-Match} on PUT), so claiming relies only on
 * listings seeing every completed write (S3 has been strongly consistent since 2020; a directory is): write your
 * claim, list, and hold only if no other live claim is there; when two see each other both withdraw and try again
 * after a random pause. Two contenders can never both hold, since the later of the two listings sees both claims.
 *
 * <p>A holder rewrites its claim every {@link #RENEW} until the unit is done (for a node: until it is committed,
 * which happens in a separate activity after this one returns). A claim nobody rewrote for {@link #STALE}, one from a
 * dead process on this host, or one from an earlier attempt of the same activity (Temporal retried it, so it is
 * dead) does not count. The lease only saves work: outputs are content-addressed, deterministic and written
 * atomically, and the first commit of a node wins, so a unit done twice (a holder too slow to renew) is still right.
 */
public final class StoreLease implements AutoCloseable {
  static final String DIR = "_lease";
  static final Duration RENEW = Duration.ofSeconds(5);
  static final Duration STALE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofSeconds(2);
  /** How long a holder keeps its claim after its activity returned, waiting for the commit; then a waiter may redo it. */
  private static final Duration HOLD_UNTIL_COMMIT = Duration.ofMinutes(15);

  /** What a claim says: whose it is, and a counter its holder increments to show it is alive. */
  record Claim(String owner, String host, long pid, long processStart, long beat) {}

  private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cpt-lease-keeper");
    thread.setDaemon(true);
    return thread;
  });
  private final String host = hostName();
  private final long pid = ProcessHandle.current().pid();
  private final long processStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);

  /** The prefix under which the claims on {@code unit} of the node at {@code nodePrefix} live. */
  public static String claims(String nodePrefix, String unit) {
    return nodePrefix + "/" + DIR + "/" + unit;
  }

  /**
   * Does {@code work} under a claim on {@code claims}, or, when another process does it, waits and returns
   * {@code finishedResult} once {@code finished} says it is done. Call from an activity.
   *
   * @param untilCommitted keep the claim after {@code work} returns, until {@code finished} (a node is committed by a
   *     later activity); otherwise the claim is given up as soon as {@code work} returns
   */
  public <T> T once(ArtifactStore store, String claims, BooleanSupplier finished, Supplier<T> finishedResult,
      boolean untilCommitted, Supplier<T> work) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    ActivityInfo info = activity.getInfo();
    String owner = info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
    Optional<Held> acquired = acquire(activity, store, claims, owner, finished);
    if (acquired.isEmpty()) {
      return finishedResult.get();
    }
    Held held = acquired.get();
    ScheduledFuture<?> renewal = keeper.scheduleWithFixedDelay(() -> held.renew(finished), RENEW.toMillis(),
        RENEW.toMillis(), TimeUnit.MILLISECONDS);
    held.renewal = renewal;
    try {
      T result = work.get();
      if (untilCommitted) {
        held.returnedAt = System.nanoTime();
      } else {
        held.release();
      }
      return result;
    } catch (RuntimeException | Error failed) {
      held.release();
      throw failed;
    }
  }

  /**
   * Claims the unit, or returns empty once it is done by someone else. Heartbeats only while it waits, so an activity
   * that claims at once keeps the details of its previous attempt.
   */
  private Optional<Held> acquire(ActivityExecutionContext activity, ArtifactStore store, String claims, String owner,
      BooleanSupplier finished) {
    Map<String, Sighting> seen = new HashMap<>();
    Heartbeats waiting = null;
    try {
      while (true) {
        try {
          if (finished.getAsBoolean()) {
            return Optional.empty();
          }
          if (liveOthers(store, claims, owner, null, seen).isEmpty()) {
            Held mine = new Held(store, claims + "/" + String.format("%013d-%08x.json", System.currentTimeMillis(),
                ThreadLocalRandom.current().nextInt()), new Claim(owner, host, pid, processStart, 0));
            mine.write();
            if (liveOthers(store, claims, owner, mine.key, seen).isEmpty()) {
              return Optional.of(mine);
            }
            mine.release(); // someone claimed at the same moment: both withdraw, and one wins a later round
          }
        } catch (ArtifactStoreException unreachable) {
          // While the store cannot be read nobody can renew, so silence proves nothing: start watching afresh.
          seen.clear();
        }
        if (waiting == null) {
          waiting = new Heartbeats(activity, 10);
        }
        sleep(Duration.ofMillis(POLL.toMillis() / 2 + ThreadLocalRandom.current().nextInt((int) POLL.toMillis())));
      }
    } finally {
      if (waiting != null) {
        waiting.close();
      }
    }
  }

  /** Claims under {@code claims} other than {@code mine} that still count; dead ones are removed on the way. */
  private List<String> liveOthers(ArtifactStore store, String claims, String owner, String mine, Map<String, Sighting> seen) {
    long now = System.nanoTime();
    return store.list(claims).stream().filter(key -> !key.equals(mine)).filter(key -> {
      String text;
      try {
        text = store.readString(key);
      } catch (ArtifactNotFoundException withdrawn) {
        return false;
      }
      Optional<Claim> claim = parse(text);
      boolean dead = claim.map(c -> c.owner().equals(owner) || deadHere(c)).orElse(false);
      Sighting before = seen.get(key);
      if (before == null || !before.text().equals(text)) {
        seen.put(key, new Sighting(text, now));
      } else if (now - before.sinceNanos() > STALE.toNanos()) {
        dead = true;
      }
      if (dead) {
        deleteQuietly(store, key);
      }
      return !dead;
    }).toList();
  }

  private record Sighting(String text, long sinceNanos) {}

  private static Optional<Claim> parse(String text) {
    try {
      return Optional.of(Json.read(text, Claim.class));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // counts until it goes stale, like any claim
    }
  }

  /** A claim of a process on this host that is gone (or whose pid now belongs to a younger process). */
  private boolean deadHere(Claim claim) {
    if (host == null || !host.equals(claim.host())) {
      return false;
    }
    return ProcessHandle.of(claim.pid())
        .map(process -> process.info().startInstant().map(i -> i.toEpochMilli() != claim.processStart()).orElse(false))
        .orElse(true);
  }

  /** A claim this process holds. */
  private final class Held {
    private final ArtifactStore store;
    private final String key;
    private Claim claim;
    private volatile ScheduledFuture<?> renewal;
    private volatile long returnedAt;

    Held(ArtifactStore store, String key, Claim claim) {
      this.store = store;
      this.key = key;
      this.claim = claim;
    }

    void write() {
      store.putString(key, Json.write(claim));
    }

    void renew(BooleanSupplier finished) {
      try {
        if (finished.getAsBoolean() || (returnedAt != 0 && System.nanoTime() - returnedAt > HOLD_UNTIL_COMMIT.toNanos())) {
          release();
          return;
        }
        claim = new Claim(claim.owner(), claim.host(), claim.pid(), claim.processStart(), claim.beat() + 1);
        write();
        // The commit may have removed the claims between the check and the write: do not leave this one behind.
        if (finished.getAsBoolean()) {
          release();
        }
      } catch (RuntimeException storeUnreachable) {
        // Renewal resumes on the next tick; waiters cannot read the store meanwhile either.
      }
    }

    void release() {
      ScheduledFuture<?> scheduled = renewal;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      deleteQuietly(store, key);
    }
  }

  private static void deleteQuietly(ArtifactStore store, String key) {
    try {
      store.delete(key);
    } catch (RuntimeException alreadyGoneOrUnreachable) {
      // A claim left behind goes stale and is ignored.
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for another run's claim", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null; // claims from this host then wait to go stale like any other's
    }
  }

  @Override
  public void close() {
    keeper.shutdownNow();
  }
}
