package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchGeneratorTest {
  private static final List<int[]> PROMPTS = List.of(new int[] {4, 9, 2, 30, 7}, new int[] {11}, new int[] {3, 3, 8},
      new int[] {17, 1, 22, 5, 6, 19, 28, 2, 14}, new int[] {25, 12});

  @Test
  void aBatchOfLeftPaddedPromptsGeneratesWhatEachPromptGeneratesAlone() {
    NeoXConfig config = TinyModels.config(31, 2, true);
    try (GptNeoX model = TinyModels.model(config, 13, 0.5)) {
      Generator alone = new Generator(model);
      List<Integer> batches = new ArrayList<>();
      // A budget of 20 padded tokens: the 9-token prompt goes with one other, the rest share a batch.
      List<int[]> batched = new BatchGenerator(model, 20).greedy(PROMPTS, 24, -1, (row, ids) -> false, batches::add);
      assertEquals(List.of(2, 3), batches);
      for (int i = 0; i < PROMPTS.size(); i++) {
        int[] expected = alone.greedy(PROMPTS.get(i), 24, -1, true, generated -> false);
        assertArrayEquals(expected, batched.get(i), "prompt " + i);
        assertTrue(java.util.Arrays.stream(expected).distinct().count() > 1, "a degenerate model would prove nothing");
      }
    }
  }

  @Test
  void eachRowStopsOnItsOwnAndTheBatchEndsWhenAllHave() {
    NeoXConfig config = TinyModels.config(31, 2, true);
    try (GptNeoX model = TinyModels.model(config, 13, 0.5)) {
      Generator alone = new Generator(model);
      int[] free = alone.greedy(PROMPTS.get(0), 24, -1, true, generated -> false);
      // Row i stops after i + 1 tokens; the first prompt also meets its own third token as EOS.
      List<int[]> batched = new BatchGenerator(model, 1000).greedy(PROMPTS, 24, free[2],
          (row, ids) -> ids.length == row + 1, count -> {});
      for (int i = 0; i < PROMPTS.size(); i++) {
        int row = i;
        int[] expected = alone.greedy(PROMPTS.get(i), 24, free[2], true, generated -> generated.length == row + 1);
        assertArrayEquals(expected, batched.get(i), "prompt " + i);
      }
    }
  }
}
