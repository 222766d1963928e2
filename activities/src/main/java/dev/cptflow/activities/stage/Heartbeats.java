package dev.cptflow.activities.stage;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats from a side thread while a stage runs, so a live worker is never mistaken for a dead one even
 * when one unit of its work (a model load, a training step) outlasts the heartbeat timeout. A dead worker
 * stops heartbeating with it. The details sent are whatever the stage last reported as its cursor.
 */
public final class Heartbeats implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cpt-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  public Heartbeats(ActivityExecutionContext context, long everySeconds) {
    this(context, everySeconds, () -> null);
  }

  /**
   * @param everySeconds the period when the activity's heartbeat timeout is long; a shorter timeout (a test's, or an
   *     impatient deployment's, {@code --heartbeat-timeout 5}) shortens it to a third of the timeout, so a slow model
   *     load or a step on a starved CPU is not mistaken for a dead worker
   */
  public Heartbeats(ActivityExecutionContext context, long everySeconds, Supplier<?> cursor) {
    long periodMillis = periodMillis(everySeconds, context.getInfo().getHeartbeatTimeout());
    timer.scheduleAtFixedRate(() -> context.heartbeat(cursor.get()), 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  static long periodMillis(long everySeconds, Duration heartbeatTimeout) {
    long period = TimeUnit.SECONDS.toMillis(everySeconds);
    if (heartbeatTimeout != null && !heartbeatTimeout.isZero()) {
      period = Math.min(period, Math.max(100, heartbeatTimeout.toMillis() / 3));
    }
    return period;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
