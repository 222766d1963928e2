package dev.cptflow.activities.corpus;

/**
 * The one record that flows from ingest through scoring, selection and packing.
 *
 * @param id stable: a hash of the source URI and the line or row number, so it survives re-ingest
 * @param tokens the count under the base model's tokenizer
 * @param source the record's {@code source} label when the corpus carries one (else the file it came from)
 */
public record Document(String id, String text, int tokens, String source) {}
