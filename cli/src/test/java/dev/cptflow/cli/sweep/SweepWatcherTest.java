package dev.cptflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SweepWatcherTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void aLogGetsAChangedTableEveryTenSecondsAndAnyTableEveryThirty() {
    assertFalse(SweepWatcher.printInLog(false, true, Duration.ofSeconds(9), TEN_SECONDS));
    assertTrue(SweepWatcher.printInLog(false, true, Duration.ofSeconds(10), TEN_SECONDS));
    assertFalse(SweepWatcher.printInLog(false, false, Duration.ofSeconds(29), TEN_SECONDS), "nothing changed yet");
    assertTrue(SweepWatcher.printInLog(false, false, Duration.ofSeconds(30), TEN_SECONDS),
        "a quiet stage still shows the run is alive");
    assertTrue(SweepWatcher.printInLog(true, false, Duration.ZERO, TEN_SECONDS), "the closing frame");
  }
}
