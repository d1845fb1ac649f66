package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only PostgreSQL has: the advisory migration lock, claims judged by session locks, a missing
 * database, and drift against DDL run in a scratch schema.
 */
class PostgresEngineTest {
  /** The claims' key class, as {@code SessionClaim} takes it. */
  private static final int CLAIMS = 0x737463;

  private static final String TABLE =
      "CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL)";

  @TempDir Path dir;

  @Test
  void aHeldMigrationLockTimesOutNamingItsHolderThenMigrateGoesOn() throws SQLException {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    MigrationRegistry registry = registry(sql(1, "items", TABLE));
    try (Connection holder = DriverManager.getConnection(db.url());
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("SELECT pg_advisory_xact_lock(" + 0x7374_7261_7461L + ")");
      long start = System.nanoTime();
      StrataException e =
          assertThrows(
              StrataException.class,
              () ->
                  db.configure()
                      .registry(registry)
                      .lockTimeout(Duration.ofMillis(1500))
                      .load()
                      .migrate());
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          e.getMessage().contains("the session with pid " + pid(holder) + " (user postgres"),
          e.getMessage());
      assertTrue(e.getMessage().contains("holds Strata's migration lock"), e.getMessage());
      assertTrue(e.getMessage().contains("(PostgreSQL: "), e.getMessage());
      assertTrue(waitedMs >= 1500 && waitedMs < 10_000, "waited " + waitedMs + " ms");
      holder.rollback();
    }
    assertEquals(1, db.configure().registry(registry).load().migrate().appliedCount());
  }

  private static long pid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aClaimIsWaitedForWhileItsSessionLivesAndReportedDeadOnceItEnds() throws SQLException {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    db.configure().registry(registry(sql(1, "items", TABLE))).load().migrate();
    db.exec(
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success, state) VALUES (2, 'outside', 'JAVA', '"
            + TestMigrations.checksum("outside")
            + "', '"
            + Instant.now()
            + "', 'elsewhere [pid 1@another-host]', 0, 0, 'RUNNING')");
    MigrationRegistry registry =
        registry(
            sql(1, "items", TABLE),
            java(
                2,
                "outside",
                false,
                ctx -> ctx.execute("CREATE INDEX CONCURRENTLY ix ON item (name)")));
    Strata strata = db.configure().registry(registry).lockTimeout(Duration.ofMillis(1500)).load();

    try (Connection claimant = DriverManager.getConnection(db.url());
        Statement s = claimant.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + CLAIMS + ", " + Long.hashCode(2L) + ")");
      MigrationException live = assertThrows(MigrationException.class, strata::migrate);
      assertTrue(live.getMessage().contains("not finished within lockTimeout"), live.getMessage());
      assertEquals(MigrationState.RUNNING, strata.info().migrations().get(1).state());
    } // the claimant's session ends, and the server releases its lock

    MigrationException dead = assertThrows(MigrationException.class, strata::migrate);
    assertTrue(dead.getMessage().contains("no longer running"), dead.getMessage());
    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
  }

  @Test
  void aClaimantKilledMidStepIsRecognisedAsDeadAtOnce() throws Exception {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    ClaimProcessesTest.Child child =
        ClaimProcessesTest.Child.start(dir.resolve("killed"), "sleep", db.url(), "60000");
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (claims(db).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "the child never claimed step 2");
        Thread.sleep(50);
      }
    } finally {
      child.kill(); // kill -9: the server ends its session, and with it the claim's lock
    }
    Strata strata =
        db.configure()
            .registry(ClaimChild.sleepingOutside(0))
            .lockTimeout(Duration.ofMinutes(10))
            .load();
    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.printf("postgres killed claimant: recognised-dead-after-ms=%d%n", ms);
    assertTrue(ms < 5000, "judged at once, not after the 10 min lock timeout: " + ms + " ms");
    assertTrue(e.getMessage().contains("and that process is no longer running"), e.getMessage());
    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
  }

  private static List<String> claims(TestDatabase db) {
    try {
      return db.column("SELECT version FROM strata_history WHERE version = 2 AND success = 0");
    } catch (AssertionError notYet) {
      return List.of(); // no history yet
    }
  }

  @Test
  void aMissingDatabaseShowsEveryMigrationPendingAndMigrateSaysToCreateIt() {
    String url = PostgresServer.url("strata_no_such_database");
    Strata strata = Strata.configure().url(url).registry(registry(sql(1, "items", TABLE))).load();

    assertEquals(MigrationState.PENDING, strata.info().migrations().get(0).state());
    StrataException e = assertThrows(StrataException.class, strata::migrate);
    assertTrue(e.getMessage().contains("CREATE DATABASE"), e.getMessage());
    assertTrue(e.getMessage().contains("SQLSTATE 3D000"), e.getMessage());
  }

  @Test
  void backupAndRestoreRefuseAndNameTheServersTools() {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    Strata strata = db.configure().registry(registry(sql(1, "items", TABLE))).load();
    strata.migrate();

    StrataException backup =
        assertThrows(StrataException.class, () -> strata.backup(dir.resolve("b.zip")));
    StrataException restore =
        assertThrows(StrataException.class, () -> strata.restore(dir.resolve("b.zip")));

    assertTrue(backup.getMessage().contains("Use pg_dump instead"), backup.getMessage());
    assertTrue(restore.getMessage().contains("Use pg_restore"), restore.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("b.zip")));
  }

  @Test
  void messagesNeverShowThePasswordOfTheUrl() {
    String url = PostgresServer.url("strata_no_such_database") + "&password=s3cret";
    Strata strata = Strata.configure().url(url).registry(registry(sql(1, "items", TABLE))).load();

    StrataException e = assertThrows(StrataException.class, strata::migrate);
    assertTrue(e.getMessage().contains("password=***"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void validateReportsDriftFromTheSchemaDefinitionsDdl() {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    SchemaDefinition schema =
        TestSchemas.of(
            List.of("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
            List.of("CREATE TABLE item (id int8 PRIMARY KEY, name text NOT NULL)"));
    MigrationRegistry registry = registry(sql(1, "items", TABLE));
    db.configure().registry(registry).load().migrate();

    ValidateResult clean = db.configure().registry(registry).schema(schema).load().validate();
    db.exec("ALTER TABLE item ADD COLUMN extra integer");
    ValidateResult drifted = db.configure().registry(registry).schema(schema).load().validate();

    assertTrue(clean.valid(), clean.render());
    List<ValidationIssue> drift = drifted.issues(ValidationIssue.Kind.SCHEMA_DRIFT);
    assertEquals(1, drift.size(), drifted.render());
    assertTrue(drift.get(0).message().contains("extra"), drift.get(0).message());
  }

  @Test
  void aTableRebuildIsRefusedBeforeAnythingChanges() {
    TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
    MigrationRegistry registry =
        registry(sql(1, "items", TABLE), sql(2, "rebuild", false, "DROP TABLE item"));

    MigrationException e =
        assertThrows(
            MigrationException.class, () -> db.configure().registry(registry).load().migrate());

    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("ALTER TABLE"), e.getMessage());
    assertEquals(List.of("item", "strata_history"), db.tables());
  }
}
