package dev.cptflow.activities.store;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 API (S3Proxy over the in-memory jclouds blob store) on a free loopback port. */
public final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  S3ProxyServer() throws Exception {
    this(false);
  }

  /** @param ignoreUnknownHeaders accept headers S3Proxy does not implement, like the SDK's CRC32 checksums */
  S3ProxyServer(boolean ignoreUnknownHeaders) throws Exception {
    this(ignoreUnknownHeaders, ACCESS_KEY, SECRET_KEY);
  }

  /** A server that accepts only these credentials, for tests that must find where credentials travel. */
  public S3ProxyServer(boolean ignoreUnknownHeaders, String accessKey, String secretKey) throws Exception {
    context = ContextBuilder.newBuilder("transient")
        .credentials("unused", "unused")
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .ignoreUnknownHeaders(ignoreUnknownHeaders)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
  }

  int port() {
    return proxy.getPort();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Client settings for a server at {@code endpoint}; region and credentials are explicit so
   * nothing consults the environment or the instance metadata service. */
  static S3Config config(URI endpoint) {
    return S3Config.defaults()
        .withEndpoint(endpoint)
        .withRegion("us-east-1")
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  S3Config config() {
    return config(endpoint());
  }

  void createBucket(String bucket) {
    try (S3Client client = S3Clients.create(config())) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  /** Creates a bucket with the given credentials. */
  public void createBucket(String bucket, String accessKey, String secretKey) {
    S3Config config = S3Config.defaults().withEndpoint(endpoint()).withRegion("us-east-1")
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    try (S3Client client = S3Clients.create(config)) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
