package dev.cptflow.activities.stage;

import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats from a side thread while a stage without its own progress hook runs, so a live worker is
 * never mistaken for a dead one. A dead worker stops heartbeating with it.
 */
final class Heartbeats implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cpt-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  Heartbeats(ActivityExecutionContext context, long everySeconds) {
    timer.scheduleAtFixedRate(() -> context.heartbeat(null), 0, everySeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
