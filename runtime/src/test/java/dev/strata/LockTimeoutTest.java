package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code lockTimeout} bounds every wait for another connection's lock, however long SQLite's own
 * {@code busy_timeout} is, and a lock timeout says what it waited for, how long, who holds the lock
 * and which setting to raise.
 */
class LockTimeoutTest {
  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

  /** A correctness bound with generous slack for a loaded machine, not a speed benchmark. */
  private static final long SLACK_MS = 1_500;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  private static final MigrationDescriptor V2 =
      sql(2, "seed parts", "INSERT INTO part (name) VALUES ('bolt')");

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(Duration busyTimeout, MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .installedBy("tester")
        .busyTimeout(busyTimeout)
        .lockTimeout(LOCK_TIMEOUT)
        .load();
  }

  /** A connection of "the application" that holds SQLite's write lock until closed. */
  private Connection holdWriteLock() throws SQLException {
    Connection holder = DriverManager.getConnection(Db.url(db()));
    try (Statement s = holder.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    return holder;
  }

  @ParameterizedTest(name = "busyTimeout {0} ms")
  @ValueSource(longs = {0, 5_000, 30_000})
  void lockTimeoutBoundsTheWaitForTheStepsLockWhateverTheBusyTimeout(long busyMs)
      throws SQLException {
    strata(Duration.ZERO, V1).migrate();
    Strata strata = strata(Duration.ofMillis(busyMs), V1, V2);

    StrataException e;
    long waitedMs;
    try (Connection holder = holdWriteLock()) {
      long start = System.nanoTime();
      e = assertThrows(StrataException.class, strata::migrate);
      waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    assertTrue(waitedMs >= LOCK_TIMEOUT.toMillis() - 50, "gave up early: " + waitedMs + " ms");
    assertTrue(
        waitedMs < LOCK_TIMEOUT.toMillis() + SLACK_MS,
        "waited " + waitedMs + " ms with busyTimeout " + busyMs + " ms: " + e.getMessage());
    // What it waited for, how long, who holds the lock, and which setting to raise.
    String message = e.getMessage();
    assertTrue(
        message.matches(
            "(?s)Cannot migrate jdbc:sqlite:.*app\\.db: gave up after \\d+\\.\\d s waiting for the"
                + " write lock to apply migration 2 \\(seed parts\\): another connection holds a"
                + " write transaction on the database \\(SQLite: database is locked\\)\\. If it may"
                + " hold the lock that long, raise lockTimeout"
                + " \\(StrataBuilder\\.lockTimeout\\(\\.\\.\\), STRATA_LOCK_TIMEOUT_MS or"
                + " strata\\.lockTimeoutMs\\); it is 1\\.0 s\\."),
        message);

    assertEquals(0, Db.count(db(), "part"));
    assertEquals(1, strata.migrate().appliedCount(), "the lock is free again");
  }

  /**
   * A step running outside a transaction holds the write lock while its statements run: a caller
   * that times out on the lock names that step's claimant. The claim appears between the caller's
   * look at the history and its BEGIN IMMEDIATE, as when the claimant wins the race.
   */
  @Test
  void aLockTimeoutNamesTheClaimantOfAStepRunningOutsideATransaction() throws SQLException {
    strata(Duration.ZERO, V1).migrate();
    Connection[] claimant = new Connection[1];
    Runnable claimAndLock =
        () -> {
          try {
            claimant[0] = DriverManager.getConnection(Db.url(db()));
            try (Statement s = claimant[0].createStatement()) {
              s.execute(
                  "INSERT INTO strata_history (version, description, type, checksum,"
                      + " installed_on, installed_by, execution_ms, success) VALUES (2, 'seed"
                      + " parts', 'SQL', '"
                      + V2.checksum()
                      + "', '2026-01-01T00:00:00Z', 'deploy@host-b', 0, 0)");
              s.execute("BEGIN IMMEDIATE");
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        };
    Strata strata =
        Strata.configure()
            .dataSource(BeforeBegin.dataSource(Db.url(db()), claimAndLock))
            .registry(registry(V1, V2))
            .busyTimeout(Duration.ofSeconds(30))
            .lockTimeout(LOCK_TIMEOUT)
            .load();

    StrataException e;
    try {
      e = assertThrows(StrataException.class, strata::migrate);
    } finally {
      if (claimant[0] != null) {
        claimant[0].close();
      }
    }

    assertTrue(
        e.getMessage()
            .contains(
                "waiting for the write lock to apply migration 2 (seed parts): another connection"
                    + " holds a write transaction on the database, most likely deploy@host-b, which"
                    + " claimed migration 2 (seed parts) at 2026-01-01T00:00:00Z and runs it"
                    + " outside a transaction (SQLite: database is locked)."),
        e.getMessage());
  }

  @Test
  void waitingForAClaimThatDoesNotFinishNamesTheSettingToRaise() {
    strata(Duration.ZERO, V1).migrate();
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success) VALUES (2, 'seed parts', 'SQL', '"
            + V2.checksum()
            + "', '2026-01-01T00:00:00Z', 'ghost', 0, 0)");
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, V2))
            .lockTimeout(Duration.ofMillis(200))
            .load();

    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    assertTrue(
        e.getMessage()
            .contains(
                "started outside a transaction by ghost at 2026-01-01T00:00:00Z and not finished"
                    + " within lockTimeout, 0.2 s. If it is still running, raise lockTimeout"
                    + " (StrataBuilder.lockTimeout(..), STRATA_LOCK_TIMEOUT_MS or"
                    + " strata.lockTimeoutMs)"),
        e.getMessage());
  }

  @Test
  void lockTimeoutBoundsTheCreationOfTheHistoryTable() throws SQLException {
    Db.exec(db(), "PRAGMA journal_mode = WAL");
    Strata strata = strata(Duration.ofSeconds(30), V1);

    long waitedMs;
    try (Connection holder = holdWriteLock()) {
      long start = System.nanoTime();
      assertThrows(StrataException.class, strata::migrate);
      waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    assertTrue(waitedMs < LOCK_TIMEOUT.toMillis() + SLACK_MS, "waited " + waitedMs + " ms");
    assertEquals(1, strata.migrate().appliedCount());
  }

  @Test
  void lockTimeoutBoundsAStatementOfANonTransactionalStep() throws Exception {
    strata(Duration.ZERO, V1).migrate();
    Thread[] release = new Thread[1];
    MigrationDescriptor blocked =
        java(
            2,
            "insert while locked",
            false,
            ctx -> {
              // The claim is committed; now the application takes the write lock, and keeps it
              // past the lock timeout (but not for ever, so that the claim can be released).
              Connection holder = holdWriteLock();
              release[0] = new Thread(() -> closeAfter(holder, LOCK_TIMEOUT.toMillis() + 300));
              release[0].start();
              ctx.execute("INSERT INTO part (name) VALUES ('bolt')");
            });
    Strata strata = strata(Duration.ofSeconds(30), V1, blocked);

    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    release[0].join();

    assertTrue(waitedMs < LOCK_TIMEOUT.toMillis() + SLACK_MS, "waited " + waitedMs + " ms: " + e);
    assertEquals(2, e.version());
    assertTrue(
        e.getMessage()
            .contains("waiting for the database's lock to run a statement of migration 2"),
        e.getMessage());
    assertEquals(0, Db.count(db(), "part"));
  }

  private static void closeAfter(Connection connection, long millis) {
    try {
      Thread.sleep(millis);
      connection.close();
    } catch (InterruptedException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
