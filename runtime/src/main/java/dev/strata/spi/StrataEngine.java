package dev.strata.spi;

import dev.strata.BackupResult;
import dev.strata.BaselineResult;
import dev.strata.FreshStrategy;
import dev.strata.HealthOption;
import dev.strata.HealthResult;
import dev.strata.InfoResult;
import dev.strata.MigrateResult;
import dev.strata.MigrationListener;
import dev.strata.RepairOption;
import dev.strata.RepairResult;
import dev.strata.RestoreOption;
import dev.strata.RestoreResult;
import dev.strata.RollbackOption;
import dev.strata.RollbackResult;
import dev.strata.ValidateResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The engine behind {@link dev.strata.Strata}. Implemented by the runtime itself, not by users or
 * generated code, and found through {@link java.util.ServiceLoader}, so that the public API never
 * names the engine's classes.
 */
public interface StrataEngine {
  /**
   * Binds a configuration that {@link dev.strata.StrataBuilder} has checked.
   *
   * @throws dev.strata.StrataException for what only the engine checks, such as the registry's
   *     order
   */
  Commands load(Configuration configuration);

  /** The commands of one configured {@link dev.strata.Strata}; see its methods. */
  interface Commands {
    MigrateResult migrate();

    InfoResult info();

    ValidateResult validate();

    HealthResult health(HealthOption... options);

    RollbackResult rollbackTo(long version, Set<RollbackOption> options);

    BaselineResult baseline(long version);

    RepairResult repair(RepairOption... options);

    BackupResult backup(Path zip);

    RestoreResult restore(Path zip, Set<RestoreOption> options);
  }

  /**
   * What {@link dev.strata.StrataBuilder} collected: exactly one of {@code url} and {@code
   * dataSource} is set, and {@code schema} may be null. A {@code stepTimeout} of zero means no
   * limit.
   */
  record Configuration(
      String url,
      DataSource dataSource,
      MigrationRegistry registry,
      SchemaDefinition schema,
      List<MigrationListener> listeners,
      boolean outOfOrder,
      Duration busyTimeout,
      Duration lockTimeout,
      String installedBy,
      FreshStrategy freshStrategy,
      Duration stepTimeout,
      long target) {

    public Configuration {
      Objects.requireNonNull(registry, "registry");
      listeners = List.copyOf(listeners);
      Objects.requireNonNull(stepTimeout, "stepTimeout");
    }
  }
}
