package dev.cptflow.activities.stage;

import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats from a side thread while a stage runs, so a live worker is never mistaken for a dead one even
 * when one unit of its work (a model load, a training step) outlasts the heartbeat timeout. A dead worker
 * stops heartbeating with it. The details sent are whatever the stage last reported as its cursor.
 */
final class Heartbeats implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cpt-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  Heartbeats(ActivityExecutionContext context, long everySeconds) {
    this(context, everySeconds, () -> null);
  }

  Heartbeats(ActivityExecutionContext context, long everySeconds, Supplier<?> cursor) {
    timer.scheduleAtFixedRate(() -> context.heartbeat(cursor.get()), 0, everySeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
