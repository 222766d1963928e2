package dev.cptflow.activities.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one item is scored, given the model's log-likelihoods: the lm-evaluation-harness rules. */
class ScoringRulesTest {
  private static Instance instance(List<String> choices, int gold, Map<String, Object> fields) {
    return new Instance(0, new EvalDoc(fields, "test:1"), "context", choices, gold, choices.get(gold), List.of());
  }

  @Test
  void accAndAccNormDisagreeWhenTheLongChoiceIsLessLikelyInTotalButMoreLikelyPerCharacter() {
    // "up": -2.0 in total, -1.0 per character; "sideways and down": -5.1 in total, -0.3 per character.
    Instance item = instance(List.of("up", "sideways and down"), 1, Map.of());
    ItemResult result = ItemResult.multipleChoice(TaskRegistry.builtIn().task("fpb"), item, new double[] {-2.0, -5.1});
    assertEquals(0.0, result.scored(null).acc(), "acc takes the higher total log-likelihood: 'up'");
    assertEquals(1.0, result.scored(null).accNorm(), "acc_norm divides by characters: 'sideways and down'");
    assertEquals(0, result.scored(null).predicted());
    assertEquals(1, result.scored(null).predictedNorm());
  }

  @Test
  void tiesGoToTheFirstChoiceAsNumpysArgmaxDoes() {
    Instance item = instance(List.of("a", "b"), 1, Map.of());
    ItemResult result = ItemResult.multipleChoice(TaskRegistry.builtIn().task("fpb"), item, new double[] {-1.0, -1.0});
    assertEquals(0, result.scored(null).predicted());
  }

  @Test
  void mc2IsTheNormalisedProbabilityOfTheTrueAnswers() {
    Map<String, Object> doc = Map.of("mc2_targets", Map.of("choices", List.of("t1", "t2", "f1"), "labels", List.of(1, 1, 0)));
    Instance item = instance(List.of("t1", "t2", "f1"), 0, doc);
    double[] logLikelihoods = {Math.log(0.2), Math.log(0.1), Math.log(0.3)};
    ItemResult result = ItemResult.multipleChoice(TaskRegistry.builtIn().task("truthfulqa_mc2"), item, logLikelihoods);
    assertEquals(0.3 / 0.6, result.scored(null).acc(), 1e-12);
  }

  @Test
  void generatedEntityLinesAreParsedWithTheTypeAfterTheLastComma() {
    assertEquals(List.of("Smith, Barney & Co.\tORG", "Paris\tLOC", "Tim Cook\tPER"),
        EntityLines.parse("Smith, Barney & Co., ORG\nParis, loc; Tim Cook, PER\nno entity here\n"));
  }
}
