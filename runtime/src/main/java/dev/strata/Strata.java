package dev.strata;

import dev.strata.spi.StrataEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Migrates, describes and validates one SQLite database. Create it with {@code
 * Strata.configure()...load()}. Every call opens its own connection and closes it, so one instance
 * may be shared by threads, and any number of threads and processes may migrate the same file at
 * once.
 */
public final class Strata {
  /**
   * The table in which Strata records applied migrations. No entity, view or index may take this
   * name; the processor reports it as {@code [ReservedName]}.
   */
  public static final String HISTORY_TABLE = "strata_history";

  /**
   * The table in which Strata records applied repeatable migrations ({@code @RepeatableMigration});
   * reserved like {@link #HISTORY_TABLE}.
   */
  public static final String REPEATABLES_TABLE = "strata_repeatables";

  private final StrataEngine.Commands engine;

  Strata(StrataEngine.Commands engine) {
    this.engine = engine;
  }

  public static StrataBuilder configure() {
    return new StrataBuilder();
  }

  /**
   * Applies every pending migration in version order, each exactly once even under concurrency.
   *
   * @throws ValidationException before anything runs, when an applied migration was edited or
   *     removed, or when a pending one is older than the head and out-of-order is not enabled
   * @throws MigrationException when a step fails; the database stays at the last good version
   */
  public MigrateResult migrate() {
    return engine.migrate();
  }

  /**
   * The state of every migration in the registry and the history. Opens the database read-only and
   * changes nothing; where no database is, it creates none and lists every migration as pending. (A
   * configured {@code DataSource} opens its connections its own way, usually read-write; Strata
   * then still sets no PRAGMA that writes.)
   */
  public InfoResult info() {
    return engine.info();
  }

  /**
   * Every problem at once: edited, missing, unfinished and (unless allowed) out-of-order
   * migrations, and, when a {@link dev.strata.spi.SchemaDefinition} is configured and every
   * registered migration is applied, the drift between the live schema and the entities. Opens the
   * database read-only and changes nothing; a missing database is an error, and is not created.
   *
   * <p>Drift is not compared while migrations are pending: the database is then legitimately behind
   * the entities, and every difference would be noise. The result counts them and says that drift
   * went unchecked ({@link ValidateResult#driftSkipped()}); pending migrations alone are no issue.
   */
  public ValidateResult validate() {
    return engine.validate();
  }

  /**
   * A readiness probe: initialized, current and head version, pending count, failed and unfinished
   * steps, checksum mismatches, file and WAL size, last applied at, and one {@link HealthStatus}
   * with the reasons. It never throws for the database's state and never writes: it opens the
   * database read-only, creates nothing where no database is (then {@code DOWN}, "no database"),
   * and reads only the history and the file sizes, so its cost does not grow with the database.
   *
   * <p>DOWN: the database cannot be opened or read, is missing, has a failed step, is newer than
   * the application, or fails the integrity check. DEGRADED: pending or out-of-order migrations, a
   * checksum mismatch, an applied migration missing from the registry, or a step still running. UP
   * otherwise.
   *
   * @param options {@link HealthOption#CHECK_INTEGRITY} also runs {@code PRAGMA quick_check}, which
   *     reads the whole file
   */
  public HealthResult health(HealthOption... options) {
    return engine.health(options);
  }

  /**
   * Rolls the database back to {@code version}: runs {@code down} of every applied migration above
   * it, highest first, each in one {@code BEGIN IMMEDIATE} transaction together with the deletion
   * of its history row, which it re-reads under the lock. A concurrent {@code migrate()} and this
   * never interleave their steps. Before it touches anything it refuses, naming every such step,
   * when a step in range is irreversible, is failed or unfinished, or is no longer registered.
   *
   * <p>{@link RollbackOption#DRY_RUN} returns the plan and changes nothing. Before the first step
   * it takes a {@link #backup(Path)} into {@code <database>.strata-backups/<database
   * name>-v<version>-<n>.zip} beside the database ({@code n} counts up, nothing is overwritten),
   * and returns its path ({@link RollbackResult#backup()}); a backup that fails stops the rollback
   * before it changes anything. {@link RollbackOption#NO_BACKUP} skips it.
   *
   * @throws IrreversibleMigrationException before anything changes, naming every step that cannot
   *     be rolled back
   * @throws MigrationException when a step's down fails; that step is rolled back, and the database
   *     stays at the version before it
   */
  public RollbackResult rollbackTo(long version, RollbackOption... options) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    EnumSet<RollbackOption> set = EnumSet.noneOf(RollbackOption.class);
    for (RollbackOption option : options) {
      set.add(Objects.requireNonNull(option, "option"));
    }
    return engine.rollbackTo(version, set);
  }

  /**
   * Takes over a database that existed before Strata: records every registered migration up to
   * {@code version} as applied, with type {@link MigrationType#BASELINE}, without running it. All
   * rows are written in one transaction under the write lock; {@link #migrate()} then applies only
   * the later ones, and {@link #validate()} treats the recorded ones as applied.
   *
   * @param version a registered version: the one whose schema the database already has
   * @throws StrataException having changed nothing, when there is no database, when it holds no
   *     table or view of its own, when its history already has rows, or when {@code version} is not
   *     a registered version
   */
  public BaselineResult baseline(long version) {
    return engine.baseline(version);
  }

  /**
   * Repairs the history: deletes the rows of failed steps (recorded FAILED, or unfinished with a
   * claimant known dead) and sets the recorded checksum of every edited applied migration to the
   * registry's. With {@link RepairOption#CONFIRM} it makes these changes in one transaction under
   * the write lock; without it, it opens the database read-only and only reports what it would
   * change. A failed non-transactional step may have left part of its work behind: look at it
   * before removing its row. Changes nothing, and creates no database, when there is nothing to
   * repair.
   */
  public RepairResult repair(RepairOption... options) {
    return engine.repair(options);
  }

  /**
   * Writes {@code zip}: a consistent copy of the database, taken with SQLite's online backup while
   * other connections and processes go on reading and writing, and a {@code manifest.json} (format
   * version, schema version and head checksum, the applied migrations with their checksums, SQLite
   * version, creation time, the copy's size and sha256). The copy must pass {@code PRAGMA
   * integrity_check}. The zip is written to a temporary file in the same directory, synced and
   * moved over {@code zip}, so a crash never leaves a partial file under that name.
   *
   * @throws StrataException when there is no database, the directory is missing, or the copy fails
   *     its integrity check; then {@code zip} is left as it was
   */
  public BackupResult backup(Path zip) {
    return engine.backup(Objects.requireNonNull(zip, "zip"));
  }

  /**
   * Replaces the database with the one in a {@link #backup(Path)} zip. Everything is checked on a
   * copy extracted beside the database first: the zip's entries (no other entry, no path that
   * climbs out), the manifest, the size (an entry that inflates past it is stopped), the sha256,
   * {@code integrity_check}, {@code foreign_key_check}, and the schema: a backup whose newest
   * migration is newer than the application's, or whose applied migrations (versions and checksums)
   * are not the registry's first ones, is refused unless {@link RestoreOption#FORCE}. Then SQLite's
   * online backup copies it into the live database in one write transaction: other connections, in
   * any process, see the old database or the new one, never a mix, and a process killed meanwhile
   * leaves the old one. Afterwards {@link #validate()} passes, or reports what is pending.
   *
   * @throws StrataException naming what is wrong with the backup; the live database is unchanged
   */
  public RestoreResult restore(Path zip, RestoreOption... options) {
    EnumSet<RestoreOption> set = EnumSet.noneOf(RestoreOption.class);
    for (RestoreOption option : options) {
      set.add(Objects.requireNonNull(option, "option"));
    }
    return engine.restore(Objects.requireNonNull(zip, "zip"), set);
  }

  /** The runtime's own engine, looked up once; the API never names its classes. */
  static StrataEngine engine() {
    return Engine.INSTANCE;
  }

  private static final class Engine {
    static final StrataEngine INSTANCE = find();

    private static StrataEngine find() {
      List<StrataEngine> found = new ArrayList<>();
      for (StrataEngine engine :
          ServiceLoader.load(StrataEngine.class, Strata.class.getClassLoader())) {
        found.add(engine);
      }
      if (found.size() != 1) {
        throw new StrataException(
            "Expected the runtime's own StrataEngine in META-INF/services/"
                + StrataEngine.class.getName()
                + ", found "
                + found.size()
                + ". A shaded or merged jar must keep"
                + " (and merge) the META-INF/services files of strata-runtime.");
      }
      return found.get(0);
    }
  }
}
