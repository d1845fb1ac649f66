package dev.strata.internal.engine;

import dev.strata.MigrationEvent;
import dev.strata.MigrationException;
import dev.strata.MigrationListener;
import dev.strata.spi.MigrationDescriptor;
import java.time.Duration;
import java.util.List;

/**
 * Fans events out to every configured listener, in order. A listener only observes, so what one
 * throws is logged and skipped: it must neither fail a step that succeeded, hide a step's own
 * failure, strand a non-transactional claim, nor keep the next listener from hearing the event.
 */
record Listeners(List<MigrationListener> all) {
  private static final System.Logger LOG = System.getLogger("dev.strata");

  Listeners {
    all = List.copyOf(all);
  }

  void started(MigrationDescriptor migration) {
    tell(migration, "started", (l, event) -> l.started(event));
  }

  void finished(MigrationDescriptor migration, Duration elapsed) {
    tell(migration, "finished", (l, event) -> l.finished(event, elapsed));
  }

  void failed(MigrationDescriptor migration, MigrationException error, Duration elapsed) {
    tell(migration, "failed", (l, event) -> l.failed(event, error, elapsed));
  }

  /** A listener hears what the step is, never its descriptor with the factory. */
  private void tell(MigrationDescriptor migration, String event, Call call) {
    MigrationEvent value =
        new MigrationEvent(
            migration.version(),
            migration.description(),
            migration.type(),
            migration.transactional());
    for (MigrationListener listener : all) {
      try {
        call.on(listener, value);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Migration listener "
                + listener.getClass().getName()
                + " failed on "
                + event
                + " of migration "
                + migration.version()
                + " ("
                + migration.description()
                + "); ignored",
            e);
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    void on(MigrationListener listener, MigrationEvent event);
  }
}
