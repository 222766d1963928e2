package dev.cptflow.workers.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared, thread-safe behaviour and call log of {@link ScriptedStages}, for one test. */
public final class StageScript {
  /** One start of a shard attempt: on which worker, where it began, and which attempt it was. */
  public record ShardStart(String worker, int shard, long fromOffset, int attempt) {}

  /** One finished shard attempt. */
  public record ShardFinish(String worker, int shard, long fromOffset) {}

  private final int shards;
  private final long docsPerShard;
  private final long millisPerDoc;
  private final Set<String> validationFailures;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<ShardStart> shardStarts = new CopyOnWriteArrayList<>();
  private final List<ShardFinish> shardFinishes = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch progressLatch = new CountDownLatch(0);
  private volatile long latchOffset = Long.MAX_VALUE;

  public StageScript(int shards, long docsPerShard, long millisPerDoc, Set<String> validationFailures) {
    this.shards = shards;
    this.docsPerShard = docsPerShard;
    this.millisPerDoc = millisPerDoc;
    this.validationFailures = Set.copyOf(validationFailures);
  }

  public static StageScript quick(int shards) {
    return new StageScript(shards, 5, 0, Set.of());
  }

  public int shards() {
    return shards;
  }

  public long docsPerShard() {
    return docsPerShard;
  }

  /** Opens a latch once any shard has scored {@code offset} documents. */
  public CountDownLatch latchAtOffset(long offset) {
    latchOffset = offset;
    progressLatch = new CountDownLatch(1);
    return progressLatch;
  }

  void record(String call) {
    calls.computeIfAbsent(call, ignored -> new AtomicInteger()).incrementAndGet();
  }

  void shardStarted(String worker, int shard, long fromOffset, int attempt) {
    shardStarts.add(new ShardStart(worker, shard, fromOffset, attempt));
  }

  void shardFinished(String worker, int shard, long fromOffset) {
    shardFinishes.add(new ShardFinish(worker, shard, fromOffset));
  }

  void docScored(int shard, long offset) {
    if (offset >= latchOffset) {
      progressLatch.countDown();
    }
  }

  void pauseBetweenDocs() {
    if (millisPerDoc > 0) {
      try {
        Thread.sleep(millisPerDoc);
      } catch (InterruptedException e) {
        // A worker killed with shutdownNow interrupts us; stop like a dying process would.
        Thread.currentThread().interrupt();
        throw new IllegalStateException("worker stopped");
      }
    }
  }

  boolean failsWithValidation(String nodeId) {
    return validationFailures.contains(nodeId);
  }

  public int calls(String call) {
    AtomicInteger count = calls.get(call);
    return count == null ? 0 : count.get();
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public List<ShardStart> shardStarts() {
    return List.copyOf(shardStarts);
  }

  public List<ShardFinish> shardFinishes() {
    return List.copyOf(shardFinishes);
  }
}
