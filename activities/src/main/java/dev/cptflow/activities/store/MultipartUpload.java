package dev.cptflow.activities.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads one file as an S3 multipart upload. The object only appears when the upload completes,
 * and a failed upload is aborted so no orphan parts keep costing storage.
 */
final class MultipartUpload {
  private static final int MAX_PARTS = 10_000;

  private MultipartUpload() {}

  static void upload(S3Client client, String bucket, String key, Path file, long partSize, Map<String, String> metadata)
      throws IOException {
    long size = Files.size(file);
    if ((size + partSize - 1) / partSize > MAX_PARTS) {
      throw new IllegalArgumentException(
          file + " needs more than " + MAX_PARTS + " parts of " + partSize + " bytes; raise partSizeBytes");
    }
    String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(metadata)).uploadId();
    try (InputStream in = Files.newInputStream(file)) {
      List<CompletedPart> parts = new ArrayList<>();
      // Each part is held in memory so the SDK can resend it on a retry.
      byte[] chunk;
      while ((chunk = in.readNBytes((int) partSize)).length > 0) {
        int partNumber = parts.size() + 1;
        UploadPartResponse r = client.uploadPart(
            b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            RequestBody.fromBytes(chunk));
        parts.add(completedPart(partNumber, r));
      }
      client.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      abort(client, bucket, key, uploadId, e);
      throw e;
    }
  }

  // Echo any checksum the server computed per part: AWS rejects a completion that omits the
  // checksums of parts that were uploaded with one (the SDK adds them by default against AWS).
  private static CompletedPart completedPart(int partNumber, UploadPartResponse r) {
    return CompletedPart.builder()
        .partNumber(partNumber)
        .eTag(r.eTag())
        .checksumCRC32(r.checksumCRC32())
        .checksumCRC32C(r.checksumCRC32C())
        .checksumCRC64NVME(r.checksumCRC64NVME())
        .checksumSHA1(r.checksumSHA1())
        .checksumSHA256(r.checksumSHA256())
        .build();
  }

  private static void abort(S3Client client, String bucket, String key, String uploadId, Exception cause) {
    try {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException abortFailure) {
      cause.addSuppressed(abortFailure);
    }
  }
}
