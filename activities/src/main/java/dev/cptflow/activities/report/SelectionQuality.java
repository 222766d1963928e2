package dev.cptflow.activities.report;

import java.util.Objects;

/**
 * How well a variant's selection hit the corpus's planted sub-domain (its source labels), when the corpus has labels.
 *
 * @param variant the variant id
 * @param selectedDocs documents selected
 * @param selectedTokens tokens selected
 * @param inDomainSelected selected documents that carry the planted sub-domain's label
 * @param inDomainTotal documents in the whole corpus that carry it
 * @param corpusDocs documents in the corpus
 */
public record SelectionQuality(
    String variant, long selectedDocs, long selectedTokens, long inDomainSelected, long inDomainTotal, long corpusDocs) {

  public SelectionQuality {
    Objects.requireNonNull(variant, "variant");
  }

  /** {@code inDomainSelected / selectedDocs}; null when nothing was selected. */
  public Double precision() {
    return ratio(inDomainSelected, selectedDocs);
  }

  /** {@code inDomainSelected / inDomainTotal}; null when the corpus has no in-domain documents. */
  public Double recall() {
    return ratio(inDomainSelected, inDomainTotal);
  }

  /** {@code inDomainTotal / corpusDocs}: the precision a random selection would have; null for an empty corpus. */
  public Double baseRate() {
    return ratio(inDomainTotal, corpusDocs);
  }

  /** Precision over the base rate (1 = no better than random); null when either is undefined or the base rate is 0. */
  public Double lift() {
    Double precision = precision();
    Double baseRate = baseRate();
    return precision == null || baseRate == null || baseRate == 0 ? null : precision / baseRate;
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator <= 0 ? null : (double) numerator / denominator;
  }
}
