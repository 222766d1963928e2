package dev.cptflow.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SweepVisibilityTest {
  @Test
  void queriesRootSweepsByTheirSearchAttributes() {
    assertEquals("CptSweep IS NOT NULL AND WorkflowType = 'SweepWorkflow' ORDER BY StartTime DESC", SweepVisibility.query(null));
    assertEquals("CptSweep IS NOT NULL AND WorkflowType = 'SweepWorkflow' AND CptStage = 'variants' ORDER BY StartTime DESC",
        SweepVisibility.query("variants"));
  }

  @Test
  void quotesWhatTheUserTyped() {
    assertEquals("CptSweep IS NOT NULL AND WorkflowType = 'SweepWorkflow' AND CptStage = 'x\\' OR \\'1\\'=\\'1' ORDER BY StartTime DESC",
        SweepVisibility.query("x' OR '1'='1"));
  }
}
