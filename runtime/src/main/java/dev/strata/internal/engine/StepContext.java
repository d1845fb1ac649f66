package dev.strata.internal.engine;

import dev.strata.MigrationContext;
import dev.strata.MigrationException;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.StatementExecutor;
import dev.strata.sql.CascadingDrop;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.StepTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * The {@link MigrationContext} of one step; it remembers the statement in flight for errors.
 *
 * <p>A statement refused with SQLITE_BUSY made no change, so it is retried. That matters only to
 * non-transactional steps, whose statements each take the write lock on their own; a transactional
 * step already holds the lock.
 *
 * <p>A transactional step refuses statements that end or replace the engine's transaction: after a
 * {@code COMMIT} the rest of the step would run outside it, and its history row would no longer
 * commit with it.
 */
final class StepContext implements MigrationContext, StatementExecutor, StepGuard {
  private static final String OWNED =
      "The engine owns the transaction of a transactional step, which holds the migration and its"
          + " history row: ";

  private final Connection connection;
  private final Connection exposed;
  private final MigrationDescriptor migration;
  private final Duration busyLimit;
  private String running;
  private String position;
  private MigrationException refusal;
  private int completed;

  /** Set by SQLite's commit and rollback hooks: the step's transaction is gone. */
  private volatile boolean transactionEnded;

  private final SQLiteCommitListener transactionWatch =
      new SQLiteCommitListener() {
        @Override
        public void onCommit() {
          transactionEnded = true;
        }

        @Override
        public void onRollback() {
          transactionEnded = true;
        }
      };

  private SQLiteConnection watched;

  private Dialect dialect;

  /** {@code System.nanoTime()} past which no statement starts; see {@link StepTimer}. */
  private volatile long stopAt = Long.MAX_VALUE;

  StepContext(Connection connection, MigrationDescriptor migration, Duration busyLimit) {
    this.connection = connection;
    this.migration = migration;
    this.busyLimit = busyLimit;
    this.exposed = migration.transactional() ? new StepConnection(connection, this) : connection;
  }

  /**
   * Watches the step's transaction while the migration runs, so that nothing runs once SQLite has
   * ended it on its own ({@link #checkTransaction}). A connection that is not sqlite-jdbc's cannot
   * be watched; the engine's savepoint check at the end of the step still fails such a step.
   */
  void watchTransaction() throws SQLException {
    if (migration.transactional() && connection.isWrapperFor(SQLiteConnection.class)) {
      watched = connection.unwrap(SQLiteConnection.class);
      watched.addCommitListener(transactionWatch);
    }
  }

  /** Stops watching, before the engine commits the step itself. */
  void unwatchTransaction() {
    if (watched != null) {
      watched.removeCommitListener(transactionWatch);
      watched = null;
    }
  }

  void stopAt(long nanoTime) {
    stopAt = nanoTime;
  }

  @Override
  public void checkTransaction() {
    if (System.nanoTime() - stopAt > 0) {
      throw new MigrationException(
          migration.version(),
          migration.description(),
          "ran past stepTimeout; no further statement starts");
    }
    if (transactionEnded) {
      throw remember(
          new MigrationException(
              migration.version(),
              migration.description(),
              "SQLite ended the step's transaction by itself after an error (an interrupt, a full"
                  + " disk, OR ROLLBACK, RAISE(ROLLBACK)), and the migration went on. Nothing more"
                  + " runs in this step: it would commit on its own, without the history row. Let"
                  + " such an error end the migration instead of catching it."));
    }
  }

  /**
   * In a transactional step, a {@link StepConnection} that refuses to end the step's transaction;
   * otherwise the connection itself.
   */
  @Override
  public Connection connection() {
    // The migration's own code may set busy_timeout through it, by PRAGMA or by the driver's API.
    Busy.untrack(connection);
    return exposed;
  }

  @Override
  public long version() {
    return migration.version();
  }

  @Override
  public String description() {
    return migration.description();
  }

  @Override
  public void execute(String sql) throws SQLException {
    for (String single : dialect().split(sql)) {
      executeStatement(single, null);
    }
  }

  /**
   * Runs one statement that is already split, as {@link dev.strata.SqlMigration}'s are, without
   * parsing it again; {@code position} ({@code "2 of up"}, or null) names it in a failure.
   */
  @Override
  public void executeStatement(String single, String position) throws SQLException {
    allow(single);
    running = single;
    this.position = position;
    try (Statement statement = connection.createStatement()) {
      Busy.retry(connection, lockFor(), busyLimit, () -> statement.execute(single));
    } finally {
      Busy.ran(connection, single);
    }
    completed++;
    running = null;
  }

  @Override
  public int update(String sql, Object... params) throws SQLException {
    // JDBC would silently run only the first of several statements.
    int count = dialect().split(sql).size();
    if (count != 1) {
      throw MigrationException.refused(
          migration.version(),
          migration.description(),
          sql,
          "update runs exactly one statement, but this is " + count + "; use execute for a script");
    }
    allow(sql);
    running = sql;
    position = null;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      int updated;
      try {
        updated = Busy.retry(connection, lockFor(), busyLimit, statement::executeUpdate);
      } finally {
        Busy.ran(connection, sql);
      }
      completed++;
      running = null;
      return updated;
    }
  }

  /**
   * What a failed non-transactional step left committed, as far as this context saw it run: {@code
   * total} is the number of statements of an SQL migration, or -1 for Java code.
   */
  String committed(int total) {
    if (total >= 0) {
      return completed == 0
          ? "none of its " + total + " statements was committed"
          : completed == 1
              ? "statement 1 of " + total + " was committed"
              : "statements 1-" + completed + " of " + total + " were committed";
    }
    return completed
        + (completed == 1 ? " statement" : " statements")
        + " it ran through MigrationContext.execute/update stayed committed (what it did"
        + " directly on connection() is not counted)";
  }

  /** The wait of the running statement, for a lock timeout. */
  private String lockFor() {
    return "the database's lock to run "
        + (position != null ? "statement " + position : "a statement")
        + " of migration "
        + migration.version()
        + " ("
        + migration.description()
        + ")";
  }

  /** The failure of this step's migration, naming the statement that threw, if one did. */
  MigrationException failure(Throwable cause) {
    return MigrationException.failedAt(
        migration.version(), migration.description(), running, position, cause);
  }

  private void allow(String statement) {
    checkTransaction();
    refuseCascadingDrop(statement);
    if (migration.transactional()) {
      StepTransaction.conflict(statement)
          .ifPresent(
              why -> {
                throw remember(
                    MigrationException.refused(
                        migration.version(),
                        migration.description(),
                        statement,
                        "The engine owns the transaction of a transactional step: "
                            + why
                            + ". Remove the statement, or declare the migration with"
                            + " transactional = false."));
              });
    }
  }

  /**
   * Refuses a {@code DROP TABLE} that, with foreign keys enforced, would delete or change rows of
   * the tables referencing it, unless the migration is a table rebuild ({@code foreignKeys =
   * false}) or declares the loss ({@code destructive = true}). The processor reports this at
   * compile time where it knows the schema; here the real rows decide, also after a Java migration.
   */
  private void refuseCascadingDrop(String statement) {
    if (!migration.foreignKeys() || migration.destructive() || !isSqlite()) {
      return; // PostgreSQL refuses such a drop itself unless it says CASCADE
    }
    Optional<String> dropped = CascadingDrop.droppedTable(statement);
    if (dropped.isEmpty()) {
      return;
    }
    List<String> effects;
    try {
      if (!foreignKeysEnforced()) {
        return;
      }
      effects = CascadingDrop.effects(connection, dropped.get(), true);
    } catch (SQLException unreadable) {
      return; // the drop itself will meet the same problem and report it
    }
    if (!effects.isEmpty()) {
      throw remember(
          MigrationException.refused(
              migration.version(),
              migration.description(),
              statement,
              "Dropping table '"
                  + dropped.get()
                  + "' while foreign keys are enforced "
                  + String.join(", and ", effects)
                  + ". To rebuild the table, declare @Migration(foreignKeys = false): the step then"
                  + " runs with enforcement off and checks every foreign key before it commits; if"
                  + " losing those rows is the point, declare @Migration(destructive = true)."));
    }
  }

  @Override
  public Dialect dialect() throws SQLException {
    if (dialect == null) {
      dialect = Dialect.of(connection);
    }
    return dialect;
  }

  private boolean isSqlite() {
    try {
      return dialect() == Dialect.SQLITE;
    } catch (SQLException e) {
      return true; // the SQLite checks then meet the same problem and report it
    }
  }

  /** As the connection's dialect splits {@code sql}; SQLite's rules if it cannot say. */
  private List<String> splitQuietly(String sql) {
    return SqlSplitter.split(sql, isSqlite() ? Dialect.SQLITE : Dialect.POSTGRESQL);
  }

  private boolean foreignKeysEnforced() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_keys")) {
      return rows.next() && rows.getInt(1) == 1;
    }
  }

  /** Each statement of {@code sql}, as {@link #execute} would split it. */
  @Override
  public void checkSql(String sql) {
    for (String single : splitQuietly(sql)) {
      allow(single);
    }
  }

  @Override
  public MigrationException refuseCall(String call) {
    return remember(
        new MigrationException(
            migration.version(),
            migration.description(),
            "refused "
                + call
                + " on its connection. "
                + OWNED
                + "ending it here would commit or discard the migration's work without its history"
                + " row. Leave the transaction to the engine, or declare the migration with"
                + " transactional = false."));
  }

  private MigrationException remember(MigrationException e) {
    if (refusal == null) {
      refusal = e;
    }
    return e;
  }

  /**
   * Fails the step with the first refusal, even if the migration caught it and went on: a migration
   * that tried to end the transaction did not do what its author meant.
   */
  void throwIfRefused() {
    if (refusal != null) {
      throw refusal;
    }
  }
}
