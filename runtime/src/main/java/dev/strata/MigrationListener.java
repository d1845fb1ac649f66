package dev.strata;

import java.time.Duration;

/**
 * Observes {@link Strata#migrate()} step by step. Methods are called on the migrating thread, in
 * order; a migration that another caller already applied produces no events. Every method does
 * nothing by default. A {@link RuntimeException} thrown by a method is logged at WARNING and
 * otherwise ignored: it changes neither the step's outcome nor the history.
 */
public interface MigrationListener {
  /** The step holds the write lock and is about to run. */
  default void started(MigrationEvent migration) {}

  /** The step and its history row are committed. */
  default void finished(MigrationEvent migration, Duration elapsed) {}

  /** The step failed and was rolled back (when transactional); {@code error} is then thrown. */
  default void failed(MigrationEvent migration, MigrationException error, Duration elapsed) {}
}
