package dev.strata;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Which way each backup copied the database, as {@code Strata.backup} logs it (at DEBUG, on the
 * {@code dev.strata} logger): the pinned live file itself, or SQLite's online backup.
 */
final class BackupLog extends Handler implements AutoCloseable {
  static final String PINNED = "copying the pinned file itself";
  static final String ONLINE = "SQLite's online backup into a temporary copy";

  private final Logger logger = Logger.getLogger("dev.strata"); // held: loggers are weak
  private final Level level = logger.getLevel();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  BackupLog() {
    logger.setLevel(Level.FINE);
    logger.addHandler(this);
  }

  /** The messages of the backups since this was opened, in order. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.startsWith("backup of ")) {
      paths.add(message);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(level);
  }
}
