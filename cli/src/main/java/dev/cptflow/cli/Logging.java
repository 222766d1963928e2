package dev.cptflow.cli;

/**
 * The SDKs log at INFO by default, which buries the progress bars; users see warnings only unless
 * they ask for {@code --debug}. Must run before the first logger is created.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean debug) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (!debug) {
      // The SDK logs every failed activity attempt and failed workflow with a stack trace; cpt reports
      // the same failures itself, in one line each.
      System.setProperty("org.slf4j.simpleLogger.log.io.temporal", "error");
      System.setProperty("org.slf4j.simpleLogger.log.io.grpc", "error");
      // DJL probes CUDA on hosts with a driver but no usable GPU and warns twice; cpt names its device itself.
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }
  }
}
