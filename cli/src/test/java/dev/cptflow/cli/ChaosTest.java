package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpt chaos} end to end on the smallest whole sweep, trained for 150 steps (long enough, on a fast machine too,
 * for the training kill to find its moment after the scoring kill's worker is replaced): three workers SIGKILLed at
 * random moments (the seed aims them at scoring, training and evaluation; a kind whose work is over hands its kill on
 * to the next) and a short S3 outage, and the outputs are those of the undisturbed run.
 */
@Tag("slow")
class ChaosTest {
  @TempDir Path dir;

  @Test
  void threeKillsAndAStoreOutageLoseNothing() throws Exception {
    Path small = SmallSweepFixture.write(dir, "chaos");
    Path spec = Files.writeString(small, Files.readString(small).replace("epochs: 1,", "epochs: 10,"));
    CliRunner chaos = CliRunner.run("chaos", spec.toString(), "--kills", "3", "--seed", "3", "--outage", "4s",
        "--heartbeat-timeout", "5", "--dir", dir.resolve("chaos").toString());
    String out = chaos.out();
    System.out.println(out); // the kill table, for a reader of the test report
    assertEquals(0, chaos.exitCode(), out + chaos.err());
    assertTrue(out.contains("3 of 3 kills survived, outputs identical"), out);
    assertTrue(out.contains("S3 server stopped at") && out.contains("S3 server back at"), out);
    Matcher lines = Pattern.compile("(?m)^(\\d+) +\\d+:\\d\\d +(\\w+) +\\S+.* (yes|NO) +(yes|NO)$").matcher(out);
    int killLines = 0;
    while (lines.find()) {
      killLines++;
      assertEquals("yes", lines.group(3), lines.group());
      assertEquals("yes", lines.group(4), lines.group());
    }
    assertEquals(3, killLines, "one line per kill:\n" + out);
    assertTrue(out.contains("0 lost, 0 different"), out);
  }
}
