package dev.strata.cli;

/** What {@code strata} returns to the shell. */
final class ExitCode {
  /** The command did what was asked, or found nothing wrong. */
  static final int OK = 0;

  /** Validation found issues, a migration or rollback failed, or the database is DOWN. */
  static final int FAILURE = 1;

  /** The command line or the configuration is wrong: nothing was attempted. */
  static final int USAGE = 2;

  private ExitCode() {}
}
