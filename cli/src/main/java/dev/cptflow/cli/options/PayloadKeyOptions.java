package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import dev.cptflow.workers.codec.PayloadEncryption;
import dev.cptflow.workers.codec.PayloadKeys;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Optional AES-GCM encryption of every Temporal payload. Keys come from a file or an environment variable, never
 * the command line; every client and worker of a sweep must load the same keys.
 */
public class PayloadKeyOptions {
  @Option(names = "--payload-keys-file", paramLabel = "FILE",
      description = "Encrypt payloads with AES-GCM: lines '<key-id> <base64 key>'; the first key encrypts, all decrypt.")
  Path payloadKeysFile;

  @Option(names = "--payload-keys-env", paramLabel = "VAR",
      description = "Like --payload-keys-file, with the key lines in this environment variable.")
  String payloadKeysEnv;

  /** The converter payloads go through: the default, or the default then AES-GCM. */
  public DataConverter dataConverter() {
    if (payloadKeysFile != null && payloadKeysEnv != null) {
      throw new UserError("give --payload-keys-file or --payload-keys-env, not both");
    }
    try {
      if (payloadKeysFile != null) {
        return PayloadEncryption.dataConverter(PayloadKeys.fromFile(payloadKeysFile));
      }
      if (payloadKeysEnv != null) {
        return PayloadEncryption.dataConverter(PayloadKeys.fromEnv(payloadKeysEnv));
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    return DefaultDataConverter.STANDARD_INSTANCE;
  }
}
