package dev.cptflow.activities.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach S3 or an S3-compatible server.
 *
 * @param endpoint override for S3-compatible servers (MinIO, S3Proxy); null for AWS. Setting it
 *     also turns on path-style access and request/response checksums only when required.
 * @param region null resolves through the SDK chain (env, profile, instance), else us-east-1
 * @param pathStyle force path-style addressing (implied by an endpoint)
 * @param multipartThresholdBytes files larger than this are uploaded in parts
 * @param partSizeBytes size of each part but the last; S3 requires at least 5 MiB
 * @param maxAttempts total attempts per request, including the first (1 = no retries)
 * @param credentials null uses the SDK's default credential chain
 */
public record S3Config(
    URI endpoint,
    String region,
    boolean pathStyle,
    long multipartThresholdBytes,
    long partSizeBytes,
    int maxAttempts,
    AwsCredentialsProvider credentials) {

  public static final long MIB = 1024L * 1024L;
  public static final long MIN_PART_SIZE = 5 * MIB;

  public S3Config {
    if (multipartThresholdBytes < 1) {
      throw new IllegalArgumentException("multipartThresholdBytes must be positive, got " + multipartThresholdBytes);
    }
    if (partSizeBytes < MIN_PART_SIZE || partSizeBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("partSizeBytes must be between 5 MiB and 2 GiB, got " + partSizeBytes);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  public static S3Config defaults() {
    return new S3Config(null, null, false, 64 * MIB, 16 * MIB, 8, null);
  }

  public S3Config withEndpoint(URI endpoint) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }

  public S3Config withRegion(String region) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }

  public S3Config withMultipartThresholdBytes(long multipartThresholdBytes) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }

  public S3Config withPartSizeBytes(long partSizeBytes) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }

  public S3Config withMaxAttempts(int maxAttempts) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }

  public S3Config withCredentials(AwsCredentialsProvider credentials) {
    return new S3Config(endpoint, region, pathStyle, multipartThresholdBytes, partSizeBytes, maxAttempts, credentials);
  }
}
