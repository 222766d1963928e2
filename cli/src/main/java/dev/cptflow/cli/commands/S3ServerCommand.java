package dev.cptflow.cli.commands;

import dev.cptflow.cli.ShutdownSignal;
import dev.cptflow.cli.UserError;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "s3-server", mixinStandardHelpOptions = true,
    description = {
      "Serve an S3 API on 127.0.0.1 over a local directory (S3Proxy on jclouds' filesystem store), to try s3:// stores",
      "without a cloud or MinIO. Each bucket is a subdirectory; objects survive a restart. Clients sign with the",
      "credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the ones this server requires. 'cpt chaos' runs one",
      "and stops it mid-sweep."
    })
public class S3ServerCommand extends CommandBase {
  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the buckets live.")
  Path dir;

  @Option(names = "--port", defaultValue = "9000", showDefaultValue = Visibility.ALWAYS, description = "TCP port on 127.0.0.1.")
  int port;

  @Override
  public Integer call() throws Exception {
    String accessKey = System.getenv("AWS_ACCESS_KEY_ID");
    String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new UserError("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: the server accepts requests signed with them");
    }
    Files.createDirectories(dir);
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
    ShutdownSignal shutdown = new ShutdownSignal();
    try (BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
        .build(BlobStoreContext.class)) {
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(context.getBlobStore())
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
          .endpoint(URI.create("http://127.0.0.1:" + port))
          // The AWS SDK sends checksum headers S3Proxy does not implement; they are safe to ignore.
          .ignoreUnknownHeaders(true)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState())) {
          throw new UserError("S3 server could not listen on 127.0.0.1:" + port);
        }
        Thread.sleep(10);
      }
      out().println("S3 API on http://127.0.0.1:" + proxy.getPort() + " over " + dir.toAbsolutePath() + "; Ctrl-C to stop");
      out().flush();
      shutdown.await();
      proxy.stop();
    } finally {
      shutdown.cleanedUp();
    }
    return 0;
  }
}
