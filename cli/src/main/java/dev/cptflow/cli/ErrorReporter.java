package dev.cptflow.cli;

import dev.cptflow.workflows.flow.Failures;
import dev.cptflow.workflows.spec.SpecException;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one place that turns an exception into what the user sees and the exit code. Users get one line
 * per problem; {@code --debug} adds the stack trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  private final boolean debug;

  ErrorReporter(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    int exitCode;
    if (failure instanceof SpecException spec) {
      spec.getMessage().lines().forEach(line -> err.println("cpt: " + line));
      exitCode = ExitCodes.USAGE;
    } else if (failure instanceof UserError || failure instanceof IllegalArgumentException) {
      err.println("cpt: " + failure.getMessage());
      exitCode = ExitCodes.USAGE;
    } else if (payloadProblem(failure) != null) {
      err.println("cpt: " + payloadProblem(failure));
      exitCode = ExitCodes.RUN_FAILED;
    } else if (grpcStatus(failure) != null) {
      err.println("cpt: the Temporal server refused or could not be reached: " + describeStatus(failure));
      exitCode = ExitCodes.RUN_FAILED;
    } else if (failure instanceof WorkflowException workflow) {
      err.println("cpt: " + Failures.describe(workflow));
      exitCode = ExitCodes.RUN_FAILED;
    } else if (failure instanceof UncheckedIOException io) {
      err.println("cpt: " + io.getMessage());
      exitCode = ExitCodes.RUN_FAILED;
    } else {
      err.println("cpt: error: " + (failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage())
          + (debug ? "" : " (run with --debug for details)"));
      exitCode = ExitCodes.RUN_FAILED;
    }
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  /** Why payloads could not be read: encrypted without the keys here, or under a key that is not loaded. */
  private static String payloadProblem(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PayloadCodecException codec) {
        return codec.getMessage() + " (check --payload-keys-file / --payload-keys-env)";
      }
      if (cause instanceof DataConverterException && String.valueOf(cause.getMessage()).contains("binary/encrypted")) {
        return "encrypted payloads: run with the sweep's --payload-keys-file or --payload-keys-env";
      }
    }
    return null;
  }

  /** The gRPC status under a client call's failure (server down, TLS mismatch, auth), or null for other failures. */
  private static StatusRuntimeException grpcStatus(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status) {
        return status;
      }
    }
    return null;
  }

  private static String describeStatus(Throwable failure) {
    StatusRuntimeException status = grpcStatus(failure);
    // Netty appends the channel pipeline on further lines of the description: the first line is the message.
    String description = status.getStatus().getDescription();
    String text = status.getStatus().getCode() + (description == null ? "" : ": " + description.lines().findFirst().orElse(""));
    for (Throwable cause = status; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getSimpleName().equals("NotSslRecordException")) {
        return text + " (the server does not speak TLS: drop the TLS flags, or set tls.disabled in the profile)";
      }
      if (cause instanceof javax.net.ssl.SSLException) {
        return text + " (TLS handshake failed: " + innermostMessage(cause) + ")" + tlsHint(innermostMessage(cause));
      }
    }
    return text;
  }

  /** OpenSSL wraps the reason (an untrusted certificate, a missing client certificate) in generic exceptions. */
  private static String innermostMessage(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  private static String tlsHint(String reason) {
    if (reason.toUpperCase(java.util.Locale.ROOT).contains("CERTIFICATE_REQUIRED")) {
      return ": the server requires a client certificate, give --tls-cert and --tls-key";
    }
    if (reason.contains("unable to find valid certification path")) {
      return ": the server's certificate is not signed by a trusted CA, give the CA that signed it with --tls-ca";
    }
    return "";
  }
}
