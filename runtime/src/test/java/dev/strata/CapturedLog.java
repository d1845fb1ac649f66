package dev.strata;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the runtime logs through {@code System.Logger} (java.util.logging by default) while a test
 * provokes a failure on purpose: kept for the test to assert on, and not printed, so that the build
 * log shows only what nobody expected.
 */
final class CapturedLog implements AutoCloseable {
  /** Held strongly: java.util.logging keeps only weak references to its loggers. */
  private final Logger logger = Logger.getLogger("dev.strata");

  private final boolean parentHandlers = logger.getUseParentHandlers();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog() {
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  static CapturedLog start() {
    return new CapturedLog();
  }

  /** The messages logged at {@code level}, in order, each with its exception's message. */
  List<String> messages(Level level) {
    synchronized (records) {
      return records.stream()
          .filter(r -> r.getLevel().equals(level))
          .map(
              r ->
                  r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown().getMessage()))
          .toList();
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
  }
}
