package dev.cptflow.workflows.api;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes of CPT Flow's workflows, all Keyword: {@code CptSweep} (the sweep id, on every
 * workflow of a sweep), {@code CptVariant} (on a variant's workflow) and {@code CptStage}: on a variant's or the
 * corpus's workflow the pipeline stage it is working on now ({@code ingest} ... {@code eval}); on the root sweep the
 * part of the sweep running now ({@code corpus}, {@code variants}, {@code report}); then {@code done} or
 * {@code failed}. A namespace must have them registered.
 */
public final class CptSearchAttributes {
  public static final SearchAttributeKey<String> SWEEP = SearchAttributeKey.forKeyword("CptSweep");
  public static final SearchAttributeKey<String> VARIANT = SearchAttributeKey.forKeyword("CptVariant");
  public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("CptStage");
  public static final List<SearchAttributeKey<String>> ALL = List.of(SWEEP, VARIANT, STAGE);
  /** The stage a sweep shows between its start and its first node. */
  public static final String SUBMITTED = "submitted";
  public static final String CORPUS = "corpus";
  public static final String VARIANTS = "variants";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  private CptSearchAttributes() {}
}
