package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {
  @Test
  void aShortHeartbeatTimeoutShortensThePeriod() {
    assertEquals(10_000, Heartbeats.periodMillis(10, Duration.ofMinutes(5)), "a long timeout keeps the stage's period");
    assertEquals(666, Heartbeats.periodMillis(10, Duration.ofSeconds(2)), "three beats per timeout");
    assertEquals(100, Heartbeats.periodMillis(10, Duration.ofMillis(200)), "never busier than ten a second");
    assertEquals(20_000, Heartbeats.periodMillis(20, Duration.ZERO), "no heartbeat timeout set");
  }
}
