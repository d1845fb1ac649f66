package dev.strata.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the runtime's log ({@code dev.strata}, through java.util.logging in this jar). The CLI
 * prints its own progress and results, so only warnings pass by default; {@code --verbose} shows
 * every step and retry as well. One line per record, on stderr.
 */
final class RuntimeLog {
  /** Held, since java.util.logging keeps only weak references to its loggers. */
  private static final Logger STRATA = Logger.getLogger("dev.strata");

  private RuntimeLog() {}

  static void configure(boolean verbose) {
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.ALL);
    handler.setFormatter(
        new Formatter() {
          @Override
          public String format(LogRecord record) {
            return "strata: " + record.getLevel() + " " + formatMessage(record) + "\n";
          }
        });
    for (var old : STRATA.getHandlers()) {
      STRATA.removeHandler(old);
    }
    STRATA.addHandler(handler);
    STRATA.setUseParentHandlers(false);
    STRATA.setLevel(verbose ? Level.FINE : Level.WARNING);
  }
}
