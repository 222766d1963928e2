package dev.cptflow.activities.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataOrderTest {
  /** The orders the torch engine's tests check cpt_torch/blocks.py against too. */
  static final Path SHARED_ORDERS = Path.of("..", "trainers", "torch", "tests", "block_order.json");

  @Test
  void drawsTheOrdersBothEnginesAgreeOn() throws Exception {
    JsonNode cases = new ObjectMapper().readTree(SHARED_ORDERS.toFile()).get("cases");
    assertEquals(8, cases.size());
    for (JsonNode expected : cases) {
      int blocks = expected.get("blocks").intValue();
      long seed = expected.get("seed").longValue();
      int epoch = expected.get("epoch").intValue();
      int[] order = new int[expected.get("order").size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = expected.get("order").get(i).intValue();
      }
      assertArrayEquals(order, DataOrder.permutation(blocks, seed, epoch), "blocks " + blocks + " seed " + seed + " epoch " + epoch);
    }
  }

  @Test
  void eachEpochIsAPermutationOfItsOwnAndTheCursorIsAPureFunctionOfTheSample() {
    DataOrder order = new DataOrder(50, 7);
    int[] first = IntStream.range(0, 50).map(sample -> order.block(sample)).toArray();
    int[] second = IntStream.range(50, 100).map(sample -> order.block(sample)).toArray();
    assertArrayEquals(IntStream.range(0, 50).toArray(), Arrays.stream(first).sorted().toArray());
    assertArrayEquals(IntStream.range(0, 50).toArray(), Arrays.stream(second).sorted().toArray());
    assertFalse(Arrays.equals(first, second), "epochs are shuffled independently");
    // A resumed run starts a fresh DataOrder at its cursor: the same blocks follow.
    assertEquals(second[13], new DataOrder(50, 7).block(63));
  }
}
