package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fans events out to every configured listener, in order. A listener only observes, so what one
 * throws is logged and skipped: it must neither fail a step that succeeded, hide a step's own
 * failure, strand a non-transactional claim, nor keep the next listener from hearing the event.
 */
record Listeners(List<MigrationListener> all) implements MigrationListener {
  private static final System.Logger LOG = System.getLogger("dev.strata");

  Listeners {
    all = List.copyOf(all);
  }

  @Override
  public void started(MigrationDescriptor migration) {
    tell(migration, "started", l -> l.started(migration));
  }

  @Override
  public void finished(MigrationDescriptor migration, Duration elapsed) {
    tell(migration, "finished", l -> l.finished(migration, elapsed));
  }

  @Override
  public void failed(MigrationDescriptor migration, MigrationException error, Duration elapsed) {
    tell(migration, "failed", l -> l.failed(migration, error, elapsed));
  }

  private void tell(MigrationDescriptor migration, String event, Consumer<MigrationListener> call) {
    for (MigrationListener listener : all) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Migration listener " + listener.getClass().getName() + " failed on "
            + event + " of migration " + migration.version() + " (" + migration.description() + "); ignored", e);
      }
    }
  }
}
