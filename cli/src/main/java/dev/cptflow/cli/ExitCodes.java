package dev.cptflow.cli;

/** The CLI contract: 0 ok, 1 the run failed, 2 a usage or validation error. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int RUN_FAILED = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}
}
