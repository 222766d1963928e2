package dev.cptflow.cli.options;

import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The artifact store: a local directory or {@code s3://bucket/prefix}, and how to reach S3. */
public class StoreOptions {
  @Option(names = "--store", paramLabel = "URI", defaultValue = "cpt-store", showDefaultValue = Visibility.ALWAYS,
      description = "Artifact store: a directory, file:/abs/path or s3://bucket/prefix.")
  String store;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint (MinIO, ...); turns on path-style access. Credentials come from the AWS default chain.")
  URI s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default: from the AWS environment, else us-east-1).")
  String s3Region;

  /** The store as an absolute URI, so that workers in other directories resolve the same root. */
  public String storeUri() {
    if (store.contains("://") || store.startsWith("file:")) {
      return store;
    }
    return "file:" + Path.of(store).toAbsolutePath().normalize();
  }

  public S3Config s3Config() {
    S3Config config = S3Config.defaults();
    if (s3Endpoint != null) {
      config = config.withEndpoint(s3Endpoint);
    }
    if (s3Region != null) {
      config = config.withRegion(s3Region);
    }
    return config;
  }

  public StoreRegistry registry() {
    return new StoreRegistry(s3Config());
  }
}
