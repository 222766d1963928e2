package dev.cptflow.activities.cores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoreBudgetTest {
  @Test
  void aHoldTakesItsThreadsAndGivesThemBack() {
    CoreBudget budget = new CoreBudget(4);
    try (CoreBudget.Hold hold = budget.hold(3)) {
      assertEquals(1, budget.free());
    }
    assertEquals(4, budget.free());
  }

  @Test
  void aHoldIsAtLeastOneCoreAndAtMostTheBudget() {
    CoreBudget budget = new CoreBudget(2);
    try (CoreBudget.Hold wide = budget.hold(16)) {
      assertEquals(0, budget.free());
    }
    try (CoreBudget.Hold none = budget.hold(0)) {
      assertEquals(1, budget.free());
    }
    assertThrows(IllegalArgumentException.class, () -> new CoreBudget(0));
  }

  @Test
  void nestedHoldsTakeNothingMore() {
    CoreBudget budget = new CoreBudget(2);
    try (CoreBudget.Hold outer = budget.hold(2)) {
      // Would wait forever if the inner hold asked the semaphore again.
      try (CoreBudget.Hold inner = budget.hold(2)) {
        assertEquals(0, budget.free());
      }
      assertEquals(0, budget.free());
    }
    assertEquals(2, budget.free());
  }

  @Test
  void concurrentSectionsNeverUseMoreThanTheCores() throws Exception {
    CoreBudget budget = new CoreBudget(2);
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    int threads = 6;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int width = 1 + t % 2;
      Thread thread = new Thread(() -> {
        for (int round = 0; round < 200; round++) {
          try (CoreBudget.Hold hold = budget.hold(width)) {
            int now = busy.addAndGet(width);
            peak.accumulateAndGet(now, Math::max);
            Thread.onSpinWait();
            busy.addAndGet(-width);
          }
        }
        done.countDown();
      });
      thread.start();
    }
    assertTrue(done.await(60, TimeUnit.SECONDS), "sections finished");
    assertTrue(peak.get() <= 2, "at most 2 cores busy, saw " + peak.get());
    assertEquals(2, budget.free());
  }

  @Test
  void aWideSectionIsNotStarvedByNarrowOnes() throws Exception {
    CoreBudget budget = new CoreBudget(2);
    CoreBudget.Hold narrow = budget.hold(1);
    CountDownLatch wideHeld = new CountDownLatch(1);
    Thread wide = new Thread(() -> {
      try (CoreBudget.Hold hold = budget.hold(2)) {
        wideHeld.countDown();
      }
    });
    wide.start();
    while (!budget.hasQueuedThreadsForTest()) {
      Thread.onSpinWait();
    }
    // A fair semaphore: a later narrow section queues behind the waiting wide one instead of taking the free core.
    CountDownLatch lateHeld = new CountDownLatch(1);
    Thread late = new Thread(() -> {
      try (CoreBudget.Hold hold = budget.hold(1)) {
        lateHeld.countDown();
      }
    });
    late.start();
    assertFalse(lateHeld.await(300, TimeUnit.MILLISECONDS), "the late narrow section waits behind the wide one");
    narrow.close();
    assertTrue(wideHeld.await(10, TimeUnit.SECONDS));
    assertTrue(lateHeld.await(10, TimeUnit.SECONDS));
  }
}
