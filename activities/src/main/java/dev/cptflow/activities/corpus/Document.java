package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The one record that flows from ingest through scoring, selection and packing.
 *
 * @param id stable: a hash of the source URI and the line or row number, so it survives re-ingest; the store's key
 * @param tokens the count under the base model's tokenizer
 * @param source the record's {@code source} label when the corpus carries one (else the file it came from)
 * @param sourceId the record's own id (its {@code id_field}) when it has one, so results join back to the user's data
 */
public record Document(String id, String text, int tokens, String source,
    @JsonProperty("source_id") @JsonInclude(JsonInclude.Include.NON_NULL) String sourceId) {

  public Document(String id, String text, int tokens, String source) {
    this(id, text, tokens, source, null);
  }
}
