package dev.cptflow.activities.store;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the {@link S3Client} described by an {@link S3Config}. */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client create(S3Config config) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .region(region(config))
        // The SDK's default strategy (standard mode) keeps its AWS retry conditions, so 5xx,
        // SlowDown/throttling and connection errors are retried with jittered backoff.
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(config.maxAttempts())))
        .forcePathStyle(config.pathStyle() || config.endpoint() != null);
    if (config.credentials() != null) {
      builder.credentialsProvider(config.credentials());
    } // else the SDK's default chain, which the client also closes with itself
    if (config.endpoint() != null) {
      // SDK 2.30+ sends integrity checksums by default; S3Proxy and many S3-compatible stores
      // answer them with 501 NotImplemented, so only send/validate them where S3 requires it.
      builder.endpointOverride(config.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  private static Region region(S3Config config) {
    if (config.region() != null) {
      return Region.of(config.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1;
    }
  }
}
