package dev.strata.internal.engine;

import dev.strata.BackupResult;
import dev.strata.BaselineResult;
import dev.strata.FreshStrategy;
import dev.strata.HealthOption;
import dev.strata.HealthResult;
import dev.strata.InfoResult;
import dev.strata.MigrateResult;
import dev.strata.RepairOption;
import dev.strata.RepairResult;
import dev.strata.RestoreOption;
import dev.strata.RestoreResult;
import dev.strata.RollbackOption;
import dev.strata.RollbackResult;
import dev.strata.StrataException;
import dev.strata.ValidateResult;
import dev.strata.ValidationException;
import dev.strata.ValidationIssue;
import dev.strata.internal.backup.Backup;
import dev.strata.internal.backup.Restore;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.Connections;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.internal.sqlite.MissingDatabaseException;
import dev.strata.schema.PostgresInspector;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaException;
import dev.strata.schema.SchemaInspector;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.StrataEngine;
import dev.strata.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The commands of one configured {@link dev.strata.Strata}, each on a connection of its own. */
final class EngineCommands implements StrataEngine.Commands {
  private final Settings settings;

  EngineCommands(Settings settings) {
    this.settings = settings;
  }

  @Override
  public MigrateResult migrate() {
    Optional<MigrateResult> upToDate = refuseBeforeWriting();
    if (upToDate.isPresent()) {
      return upToDate.get();
    }
    return withConnection(
        "migrate",
        true,
        connection -> {
          HistoryTable history = new HistoryTable(connection);
          history.create(settings.lockTimeout());
          history.upgrade(settings.lockTimeout());
          if (settings.freshStrategy() == FreshStrategy.CREATE_FROM_ENTITIES
              && reachesHead()
              && new CreateFromEntities(settings, connection).run()) {
            return new MigrateResult(
                0, history.head(), new Repeatables(settings, connection).run(), true);
          }
          return new Migrator(settings, connection).run();
        });
  }

  @Override
  public InfoResult info() {
    try {
      return withConnection(
          "read the history of",
          false,
          connection ->
              new InfoResult(
                  concat(
                      ledger(connection).infos(), new Repeatables(settings, connection).infos())));
    } catch (MissingDatabaseException e) {
      // Nothing is created where no database is: every migration is pending there.
      return new InfoResult(
          concat(
              new Ledger(settings.migrations(), List.of()).infos(), Repeatables.pending(settings)));
    }
  }

  /**
   * What migrate would refuse before its first write (out of order, a changed checksum, ...) is
   * found on a read-only connection, so that a refused migrate changes nothing, not even the
   * journal mode. Without a database there is nothing to refuse. Migrator checks again.
   *
   * <p>The same read tells whether migrate has anything to write at all: when it has not, its
   * result, and no connection that writes is opened (SQLite reads the schema again on each new
   * connection, which is most of what an application pays at each start).
   */
  private Optional<MigrateResult> refuseBeforeWriting() {
    Check check;
    try {
      check =
          withConnection(
              "migrate",
              false,
              connection ->
                  Busy.retry(
                      "read " + HistoryTable.NAME,
                      settings.lockTimeout(),
                      () -> {
                        Ledger ledger = ledger(connection);
                        List<ValidationIssue> refusals =
                            Migrator.refusals(ledger, settings.outOfOrder());
                        return new Check(
                            refusals,
                            refusals.isEmpty() && nothingToWrite(connection, ledger)
                                ? Optional.of(
                                    new MigrateResult(
                                        ledger.head(), ledger.head(), List.of(), false))
                                : Optional.empty());
                      }));
    } catch (MissingDatabaseException e) {
      return Optional.empty(); // nothing to refuse
    } catch (StrataException e) {
      // A database that cannot be read right now (another process is creating it, and SQLite may
      // refuse a read-only open for a moment): the write path checks again, under the lock. Any
      // other refusal, such as a foreign history, stands, and nothing is written.
      if (e.getCause() instanceof SQLException sql && isMomentary(sql)) {
        return Optional.empty();
      }
      throw e;
    }
    if (!check.refusals().isEmpty()) {
      throw new ValidationException(new ValidateResult(check.refusals()));
    }
    return check.upToDate();
  }

  /** What the read-only look found: refusals, or the result of a migrate with nothing to write. */
  private record Check(List<ValidationIssue> refusals, Optional<MigrateResult> upToDate) {}

  /**
   * Whether the write path would write nothing: no step to apply up to the target (an unfinished or
   * failed row counts as one, so that the write path waits for it or reports it), the history at
   * {@link HistoryTable#FORMAT}, every repeatable current, an SQLite file in WAL mode already, and
   * no empty database that {@link FreshStrategy#CREATE_FROM_ENTITIES} would fill. A step that
   * another process applies after this look is that process's to apply: this migrate ends before
   * it.
   */
  private boolean nothingToWrite(Connection connection, Ledger ledger) throws SQLException {
    for (MigrationDescriptor m : ledger.unapplied()) {
      if (m.version() <= settings.target()) {
        return false;
      }
    }
    if (settings.freshStrategy() == FreshStrategy.CREATE_FROM_ENTITIES && ledger.head() == 0) {
      return false;
    }
    HistoryTable history = new HistoryTable(connection);
    if (!history.exists() || history.format() < HistoryTable.FORMAT) {
      return false;
    }
    if (settings.reachesHead() && !new Repeatables(settings, connection).current()) {
      return false;
    }
    // journal_mode is SQLite's; PostgreSQL has nothing to switch on a first write.
    return Dialect.of(connection) != Dialect.SQLITE || Connections.isWal(connection);
  }

  /** Whether migrate may go to the head, the only schema the entities describe. */
  private boolean reachesHead() {
    return settings.reachesHead();
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** SQLITE_BUSY or SQLITE_CANTOPEN: what a database being created by another process gives. */
  private static boolean isMomentary(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == 5 || code == 14;
  }

  @Override
  public ValidateResult validate() {
    return withConnection(
        "validate",
        false,
        connection -> {
          Ledger ledger = ledger(connection);
          List<ValidationIssue> issues = new ArrayList<>(ledger.issues(settings.outOfOrder()));
          int pending = ledger.unapplied().size();
          if (settings.schema() != null && pending == 0) {
            issues.addAll(drift(connection));
          }
          return new ValidateResult(issues, pending, settings.schema() != null && pending > 0);
        });
  }

  @Override
  public HealthResult health(HealthOption... options) {
    return new HealthCheck(settings, options).run();
  }

  @Override
  public RollbackResult rollbackTo(long version, Set<RollbackOption> options) {
    Rollback.Plan plan;
    try {
      // Planned and refused on a read-only connection: a dry run or a refusal changes nothing.
      plan =
          withConnection(
              "roll back",
              false,
              connection ->
                  Busy.retry(
                      "read " + HistoryTable.NAME,
                      settings.lockTimeout(),
                      () -> {
                        List<HistoryRow> rows = new HistoryTable(connection).rows();
                        return Rollback.plan(
                            settings.migrations(),
                            rows,
                            version,
                            ClaimLock.deadClaims(connection, rows));
                      }));
    } catch (MissingDatabaseException e) {
      plan = new Rollback.Plan(0, List.of());
    }
    if (options.contains(RollbackOption.DRY_RUN) || plan.steps().isEmpty()) {
      return new RollbackResult(
          plan.initialVersion(),
          version,
          plan.initialVersion(),
          options.contains(RollbackOption.DRY_RUN),
          plan.steps().stream().map(Rollback::describe).toList(),
          Optional.empty(),
          Optional.of(
              options.contains(RollbackOption.DRY_RUN)
                  ? RollbackResult.BACKUP_DRY_RUN
                  : RollbackResult.BACKUP_NOTHING_TO_DO));
    }
    boolean postgres = !options.contains(RollbackOption.NO_BACKUP) && isPostgres();
    Optional<Path> backup =
        options.contains(RollbackOption.NO_BACKUP) || postgres
            ? Optional.empty()
            : Optional.of(backupBeforeRollback(plan.initialVersion()).file());
    Optional<String> note =
        backup.isPresent()
            ? Optional.empty()
            : Optional.of(
                postgres ? RollbackResult.BACKUP_NOT_ON_POSTGRESQL : RollbackResult.BACKUP_SKIPPED);
    long initial = plan.initialVersion();
    return withConnection(
        "roll back",
        true,
        connection -> {
          // A non-transactional step's down records its claim in the columns of format 2.
          new HistoryTable(connection).upgrade(settings.lockTimeout());
          List<RollbackResult.Step> done = new Rollback(settings, connection).run(version);
          long current =
              Busy.retry(
                  "read " + HistoryTable.NAME,
                  settings.lockTimeout(),
                  () -> new HistoryTable(connection).head());
          return new RollbackResult(initial, version, current, false, done, backup, note);
        });
  }

  @Override
  public BaselineResult baseline(long version) {
    Baseline baseline = new Baseline(settings, version);
    baseline.checkVersion();
    try {
      withConnection(
          "baseline",
          false,
          connection ->
              Busy.retry(
                  "read " + HistoryTable.NAME,
                  settings.lockTimeout(),
                  () -> {
                    baseline.checkDatabase(connection, new HistoryTable(connection).rows());
                    return null;
                  }));
    } catch (MissingDatabaseException e) {
      throw new StrataException(
          "Cannot baseline at version "
              + version
              + ": there is no database at "
              + settings.connections().describe()
              + ". Baseline takes over an existing database; nothing was created. Run migrate"
              + " to create a new one.",
          e);
    }
    return withConnection("baseline", true, baseline::run);
  }

  @Override
  public RepairResult repair(RepairOption... options) {
    boolean confirm = Arrays.asList(options).contains(RepairOption.CONFIRM);
    Repair repair = new Repair(settings);
    RepairResult plan;
    try {
      plan =
          withConnection(
              "repair",
              false,
              connection ->
                  Busy.retry(
                      "read " + HistoryTable.NAME,
                      settings.lockTimeout(),
                      () -> repair.plan(connection)));
    } catch (MissingDatabaseException e) {
      return new RepairResult(confirm, List.of(), List.of()); // nothing to repair, none created
    }
    if (!confirm || plan.nothingToRepair()) {
      return new RepairResult(confirm, plan.removed(), plan.realigned());
    }
    return withConnection("repair", true, repair::run);
  }

  /** Whether the database is PostgreSQL's, where Strata takes no backup. */
  private boolean isPostgres() {
    try {
      return settings.connections().dialect() == Dialect.POSTGRESQL;
    } catch (SQLException e) {
      return false; // the command itself reports what is wrong with the database
    }
  }

  /** Backup and restore are SQLite's: on PostgreSQL the server's own tools do them. */
  private void refuseOnPostgres(String action, String tool) {
    if (isPostgres()) {
      throw new StrataException(
          "Cannot "
              + action
              + " "
              + settings.connections().describe()
              + ": Strata's backups are SQLite database files, and this is a PostgreSQL"
              + " database; nothing was changed. Use "
              + tool
              + " instead.");
    }
  }

  @Override
  public BackupResult backup(Path zip) {
    refuseOnPostgres("back up", "pg_dump");
    return backup("back up", connection -> zip);
  }

  /** The rollback's automatic backup, beside the database; see {@link Backup#rollbackTarget}. */
  private BackupResult backupBeforeRollback(long version) {
    return backup(
        "take the automatic backup before rolling back (RollbackOption.NO_BACKUP skips it)",
        connection -> Backup.rollbackTarget(connection, version));
  }

  @FunctionalInterface
  private interface Target {
    Path of(Connection source) throws SQLException, IOException;
  }

  private BackupResult backup(String action, Target target) {
    try {
      return withConnection(
          action,
          false,
          connection -> {
            try {
              return Backup.write(connection, target.of(connection), settings.lockTimeout());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (MissingDatabaseException e) {
      throw new StrataException(
          "Cannot " + action + ": " + e.getMessage() + "; there is nothing to back up", e);
    } catch (UncheckedIOException e) {
      throw new StrataException("Cannot " + action + ": " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public RestoreResult restore(Path zip, Set<RestoreOption> options) {
    refuseOnPostgres("restore " + zip + " into", "pg_restore (or psql for a plain pg_dump)");
    Restore restore =
        new Restore(
            zip,
            settings.connections(),
            settings.migrations(),
            settings.lockTimeout(),
            options.contains(RestoreOption.FORCE));
    try {
      return restore.run();
    } catch (SQLException e) {
      throw new StrataException(
          "Cannot restore "
              + zip
              + " into "
              + settings.connections().describe()
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new StrataException("Cannot restore " + zip + ": " + e, e);
    }
  }

  private Ledger ledger(Connection connection) throws SQLException {
    List<HistoryRow> rows = new HistoryTable(connection).rows();
    return new Ledger(settings.migrations(), rows, ClaimLock.deadClaims(connection, rows));
  }

  /**
   * The live schema compared to the entities', one {@link ValidationIssue.Kind#SCHEMA_DRIFT} per
   * item.
   */
  private List<ValidationIssue> drift(Connection connection) throws SQLException {
    SchemaDiff diff;
    try {
      diff =
          Dialect.of(connection) == Dialect.POSTGRESQL
              ? SchemaDiff.compare(
                  PostgresInspector.inspect(
                      connection, settings.schema().statements(Dialect.POSTGRESQL)),
                  PostgresInspector.inspect(
                      connection, Set.of(HistoryTable.NAME, Repeatables.TABLE)))
              : SchemaDiff.compare(
                  settings.schema().model(),
                  SchemaInspector.inspect(
                      connection, Set.of(HistoryTable.NAME, Repeatables.TABLE)));
    } catch (SchemaException e) {
      throw new StrataException(e.getMessage(), e.getCause());
    }
    return diff.items().stream()
        .map(
            item ->
                new ValidationIssue(
                    ValidationIssue.Kind.SCHEMA_DRIFT,
                    OptionalLong.empty(),
                    item.object(),
                    item.render()))
        .toList();
  }

  /** Work on a fresh connection, with SQL failures turned into a {@link StrataException}. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** {@code write}: a connection that writes; otherwise a read-only one that creates nothing. */
  private <T> T withConnection(String action, boolean write, Work<T> work) {
    Connections connections = settings.connections();
    try (Connection connection = write ? connections.open(true) : connections.openReadOnly()) {
      try {
        return work.run(connection);
      } catch (LockTimeout e) {
        throw LockTimeouts.withHolder(e, connection);
      }
    } catch (SQLException e) {
      throw new StrataException(
          "Cannot "
              + action
              + " "
              + connections.describe()
              + ": "
              + connections
                  .readOnlyCause(e)
                  .map(why -> why + " (" + e.getMessage() + ")")
                  .orElse(e.getMessage()),
          e);
    }
  }
}
