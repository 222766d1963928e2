package dev.cptflow.activities.demo;

/**
 * What {@link DemoData#write} wrote: counts for messages and tests.
 *
 * @param corpusDocs documents in {@code corpus/part-*.jsonl}
 * @param financeDocs of those, the planted finance sub-domain ({@code "source": "finance"})
 * @param taskDocs unlabeled task sentences in {@code tasks/fpb-unlabeled.jsonl}
 * @param heldoutDocs general documents in {@code general-heldout.jsonl}
 * @param pretrainDocs general documents in {@code pretrain/general.jsonl}
 * @param fpbItems labelled lines in {@code eval/fpb.txt}
 * @param nerSentences sentences in {@code eval/ner.conll}
 */
public record DemoSummary(
    int corpusDocs, int financeDocs, int taskDocs, int heldoutDocs, int pretrainDocs, int fpbItems, int nerSentences) {}
