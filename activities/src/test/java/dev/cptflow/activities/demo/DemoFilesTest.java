package dev.cptflow.activities.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFilesTest {
  @TempDir Path cache;

  /** A sweep's first activities (ingest of corpus, tasks and general text, eval of the base model) start together. */
  @Test
  void activitiesOfOneWorkerWaitForOneBuildInsteadOfFailing() throws Exception {
    AtomicInteger dataBuilds = new AtomicInteger();
    AtomicInteger modelBuilds = new AtomicInteger();
    DemoFiles.Builder slow = new DemoFiles.Builder() {
      @Override
      public void writeData(Path staging) throws java.io.IOException {
        dataBuilds.incrementAndGet();
        sleep(300);
        Files.writeString(staging.resolve("corpus.jsonl"), "{\"text\": \"x\"}\n");
      }

      @Override
      public void buildModel(Path dir) throws java.io.IOException {
        modelBuilds.incrementAndGet();
        sleep(300);
        Files.createDirectories(dir.resolve(DemoBaseModel.DIR));
      }
    };
    Path dir = cache.resolve("demo").resolve("v1");
    int activities = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(activities);
    try {
      List<Future<Path>> resolved = new ArrayList<>();
      for (int i = 0; i < activities; i++) {
        resolved.add(threads.submit(() -> {
          start.await();
          return DemoFiles.ensure(dir, slow);
        }));
      }
      start.countDown();
      for (Future<Path> each : resolved) {
        assertEquals(dir, each.get(), "every activity gets the demo set, none fails");
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, dataBuilds.get(), "the data is written once");
    assertEquals(1, modelBuilds.get(), "the model is built once");
    assertTrue(Files.isRegularFile(dir.resolve("corpus.jsonl")));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
