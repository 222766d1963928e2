package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings as HF {@code GPTNeoXRotaryEmbedding} computes them: float32
 * {@code inv_freq = 1 / base^(2i/dim)}, {@code freqs = t * inv_freq}, {@code emb = cat(freqs, freqs)}.
 * Tables are built once for every position.
 */
final class Rotary {
  private final int dims;
  private final NDArray cos; // [max_positions, dims]
  private final NDArray sin; // [max_positions, dims]

  Rotary(NeoXConfig config, NDManager manager) {
    this.dims = config.rotaryDims();
    int positions = config.maxPositionEmbeddings();
    int half = dims / 2;
    float[] invFreq = new float[half];
    for (int i = 0; i < half; i++) {
      float exponent = (float) (2 * i) / dims;
      invFreq[i] = 1.0f / (float) Math.pow(config.rotaryEmbBase(), exponent);
    }
    float[] cosTable = new float[positions * dims];
    float[] sinTable = new float[positions * dims];
    for (int t = 0; t < positions; t++) {
      for (int i = 0; i < dims; i++) {
        float angle = (float) t * invFreq[i % half];
        cosTable[t * dims + i] = (float) Math.cos(angle);
        sinTable[t * dims + i] = (float) Math.sin(angle);
      }
    }
    this.cos = manager.create(cosTable, new Shape(positions, dims));
    this.sin = manager.create(sinTable, new Shape(positions, dims));
  }

  /** Rotates the first {@code dims} features of {@code x} [batch, heads, seq, head_size], from position {@code start}. */
  NDArray apply(NDArray x, long start) {
    if (dims == 0) {
      return x;
    }
    long seq = x.getShape().get(2);
    long headSize = x.getShape().get(3);
    NDArray cosRows = cos.get(start + ":" + (start + seq)); // [seq, dims], broadcast over batch and heads
    NDArray sinRows = sin.get(start + ":" + (start + seq));
    NDArray rotated = x.get(":, :, :, :" + dims);
    NDArray embedded = rotated.mul(cosRows).add(rotateHalf(rotated).mul(sinRows));
    if (dims == headSize) {
      return embedded;
    }
    return embedded.concat(x.get(":, :, :, " + dims + ":"), 3);
  }

  /** {@code cat(-x2, x1)} over the last axis, where x1 and x2 are its halves. */
  private static NDArray rotateHalf(NDArray x) {
    long half = x.getShape().get(3) / 2;
    return x.get(":, :, :, " + half + ":").neg().concat(x.get(":, :, :, :" + half), 3);
  }
}
