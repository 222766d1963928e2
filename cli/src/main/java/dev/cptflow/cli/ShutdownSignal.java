package dev.cptflow.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command stop cleanly on SIGTERM or Ctrl-C: the JVM's shutdown hook wakes the
 * command, then waits (bounded) until the command has closed its workers, so running activities get
 * their grace period instead of being cut off mid-write.
 */
public final class ShutdownSignal {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch cleanedUp = new CountDownLatch(1);

  public ShutdownSignal() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      requested.countDown();
      try {
        cleanedUp.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cpt-shutdown"));
  }

  public void await() throws InterruptedException {
    requested.await();
  }

  public void cleanedUp() {
    cleanedUp.countDown();
  }
}
