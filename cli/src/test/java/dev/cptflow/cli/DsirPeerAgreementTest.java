package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.score.DsirFit;
import dev.cptflow.activities.score.DsirScorer;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.select.ScoreTable;
import dev.cptflow.activities.select.Selector;
import dev.cptflow.cli.commands.DsirPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our dsir metric against the authors' DSIR ({@code ../shared/peers/dsir}, run by {@code /usr/bin/python3}) on a small
 * generated corpus full of what tokenisers disagree on: punctuation runs, digits, underscores, accents, combining
 * marks, İ and final sigma, CJK, emoji, Arabic digits, Roman numerals, fractions, no-break and separator spaces. Every
 * log weight agrees within 1e-9 relative, every eligibility exactly, and our hard selection of k documents is DSIR's
 * top-k. Skipped, with the reason, where the peer or its Python packages are missing.
 */
class DsirPeerAgreementTest {
  private static final String[] WORDS = {
    "the", "bank", "said", "net", "profit", "rose", "to", "EUR", "13.1", "mn", "$1,000.50", "--", "...", "(", ")",
    "shares", "Acquisition", "merger", "agreed", "U.S.", "don't", "foo_bar", "__init__", "café", "Straße", "İstanbul",
    "ΟΔΟΣ", "ΣΟΦΟΣ.", "e\u0301t\u00e9", "日本語", "株式会社", "😀", "١٢٣", "Ⅻ", "½", "ǅungla", "x²", "a\u00a0b", "c\u001cd",
    "line\u2028break", "tab\tbed", "«quoted»", "—", "50%", "#1", "@home", "n\u0303", "ﬁne", "Ǆ", "ⓐ", "𝐀𝐁"
  };

  @TempDir Path dir;

  @Test
  void everyLogWeightAndEligibilityAgreesWithTheAuthorsDsir() throws Exception {
    DsirPeer peer = new DsirPeer(peerDirectory());
    String unavailable = peer.unavailable();
    assumeTrue(unavailable == null, () -> "DSIR agreement not checked: " + unavailable);

    SplittableRandom random = new SplittableRandom(19);
    List<String> ids = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      ids.add("doc-" + i);
      raw.add(text(random, 20 + random.nextInt(200)));
    }
    raw.set(7, ""); // no token at all
    raw.set(8, "   \u3000 "); // white space only
    List<String> target = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      target.add(text(random, 50 + random.nextInt(100)));
    }

    DsirFit fit = DsirFit.fit(10_000, 1_000_000_000L, texts -> raw.forEach(texts), target);
    DsirScorer scorer = new DsirScorer(fit, 100);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      documents.add(new Document(ids.get(i), raw.get(i), 1, "test"));
    }
    Scorer.Scored ours = scorer.scoreBatch(documents);

    int k = 24;
    DsirPeer.Run theirs = peer.run(ids, raw, target, dir.resolve("peer"), (double) k / raw.size(), 0, true);
    assertEquals(raw.size(), theirs.weights().size());
    int eligible = 0;
    Set<String> dsirTopK = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      DsirPeer.Weight weight = theirs.weights().get(i);
      double scale = Math.max(Math.abs(weight.logWeight()), Math.abs(ours.scores()[i]));
      double relative = scale == 0 ? 0 : Math.abs(weight.logWeight() - ours.scores()[i]) / scale;
      int index = i;
      assertTrue(relative <= 1e-9, () -> "document " + index + " (" + raw.get(index) + "): ours " + ours.scores()[index]
          + ", DSIR's " + weight.logWeight());
      assertEquals(weight.eligible(), ours.eligible()[i], "eligibility of document " + i + ": " + raw.get(i));
      eligible += weight.eligible() ? 1 : 0;
      if (weight.selected()) {
        dsirTopK.add(ids.get(i));
      }
    }
    assertTrue(eligible > k && eligible < raw.size() - 20, "the slice has both eligible and short documents: " + eligible);
    assertEquals(0.0, ours.scores()[7], "no token, no weight");

    // Hard selection of k documents = DSIR's --top-k (both over the eligible documents only).
    String[] idArray = ids.toArray(String[]::new);
    int[] tokens = new int[raw.size()];
    java.util.Arrays.fill(tokens, 1);
    boolean[][] eligibility = {ours.eligible()};
    ScoreTable table = ScoreTable.of(idArray, null, tokens, List.of("dsir"), new double[][] {ours.scores()}, eligibility);
    Selector.Selection selection = Selector.select(table,
        new Selector.SelectionRequest(List.of("dsir"), null, false, null, (long) k, 0, 0, List.of(), List.of("dsir")));
    Set<String> ourTopK = new HashSet<>();
    for (int r = 0; r < selection.size(); r++) {
      ourTopK.add(selection.id(r));
    }
    assertEquals(dsirTopK, ourTopK);
    assertEquals(raw.size() - eligible, selection.summary().droppedIneligible());
  }

  private static String text(SplittableRandom random, int words) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      text.append(WORDS[random.nextInt(WORDS.length)]);
      text.append(random.nextInt(10) == 0 ? "" : random.nextInt(7) == 0 ? "\n" : " ");
    }
    return text.toString();
  }

  /** {@code -Dcpt.dsir.peer=DIR}, else {@code shared/peers/dsir} beside the checkout (or beside a folder above it). */
  private static Path peerDirectory() {
    String given = System.getProperty("cpt.dsir.peer");
    if (given != null) {
      return Path.of(given);
    }
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      Path candidate = folder.resolve("shared/peers/dsir");
      if (Files.isRegularFile(candidate.resolve("run_dsir.py"))) {
        return candidate;
      }
    }
    return Path.of("../shared/peers/dsir");
  }
}
