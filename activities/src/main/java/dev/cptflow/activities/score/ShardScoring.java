package dev.cptflow.activities.score;

import dev.cptflow.activities.cores.CoreBudget;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one shard with one scorer, a batch at a time, persisting rows every {@code rowsPerPart} so a
 * retry resumes after them. The stage behind the score activity and {@code cpt score}.
 */
public final class ShardScoring {
  /** Told after each batch; the activity heartbeats {@code persisted}, its resume cursor. */
  public interface Progress {
    void batchDone(long scored, long persisted);

    /** Told once, before the first batch: the rows an earlier attempt persisted, which this one starts after. */
    default void resumedAt(long offset) {}
  }

  /** The shard's rows, and where this attempt started (non-zero after a resume). */
  public record Result(List<ScoreRow> rows, long resumedFrom) {}

  private ShardScoring() {}

  public static Result score(Path shard, Scorer scorer, ScoreParts parts, int rowsPerPart, Progress progress) {
    List<ScoreRow> rows = new ArrayList<>(parts.load());
    long resumedFrom = rows.size();
    progress.resumedAt(resumedFrom);
    List<ScoreRow> pending = new ArrayList<>();
    List<Document> batch = new ArrayList<>(scorer.batchSize());
    long position = 0;
    try (ShardReader documents = ShardReader.open(shard)) {
      while (documents.hasNext()) {
        Document document = documents.next();
        if (position++ < resumedFrom) {
          continue;
        }
        batch.add(document);
        if (batch.size() == scorer.batchSize() || !documents.hasNext()) {
          Scorer.Scored scored;
          try (CoreBudget.Hold cores = CoreBudget.process().hold(scorer.threads())) {
            scored = scorer.scoreBatch(batch);
          }
          for (int i = 0; i < batch.size(); i++) {
            pending.add(new ScoreRow(batch.get(i).id(), batch.get(i).sourceId(), batch.get(i).tokens(),
                scored.scores()[i], scored.eligible() == null ? null : scored.eligible()[i]));
          }
          batch.clear();
          if (pending.size() >= rowsPerPart || !documents.hasNext()) {
            parts.append(rows.size(), pending);
            rows.addAll(pending);
            pending = new ArrayList<>();
          }
          progress.batchDone(rows.size() + pending.size(), rows.size());
        }
      }
    }
    if (!pending.isEmpty()) {
      parts.append(rows.size(), pending);
      rows.addAll(pending);
    }
    return new Result(rows, resumedFrom);
  }
}
