package dev.cptflow.activities.score;

/**
 * A sparse vector: strictly increasing {@code indices} and their {@code values}. Used where a dense
 * row would be mostly zeros (the hashed n-gram space has 2^18 dimensions, a document touches a few
 * hundred).
 */
public record SparseVector(int[] indices, float[] values) {
  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + values.length + " values");
    }
  }

  /** Number of stored (non-zero) entries. */
  public int size() {
    return indices.length;
  }

  /** Dot product by merging the two sorted index lists. */
  public double dot(SparseVector other) {
    int[] ai = indices;
    int[] bi = other.indices;
    float[] av = values;
    float[] bv = other.values;
    double sum = 0;
    int a = 0;
    int b = 0;
    while (a < ai.length && b < bi.length) {
      int x = ai[a];
      int y = bi[b];
      if (x == y) {
        sum += (double) av[a++] * bv[b++];
      } else if (x < y) {
        a++;
      } else {
        b++;
      }
    }
    return sum;
  }

  /** Dot product with a dense vector at least as long as the largest index. */
  public double dot(double[] dense) {
    double sum = 0;
    for (int k = 0; k < indices.length; k++) {
      sum += values[k] * dense[indices[k]];
    }
    return sum;
  }

  /** {@code dense += scale * this}. */
  public void addTo(double[] dense, double scale) {
    for (int k = 0; k < indices.length; k++) {
      dense[indices[k]] += scale * values[k];
    }
  }

  /** This vector as a dense row of {@code dimension} floats. */
  public float[] toDense(int dimension) {
    float[] dense = new float[dimension];
    for (int k = 0; k < indices.length; k++) {
      dense[indices[k]] = values[k];
    }
    return dense;
  }
}
