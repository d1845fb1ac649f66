package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import dev.strata.sql.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's promises, from one source on every dialect: SQLite on a file, PostgreSQL on a fresh
 * database of the embedded server. The SQL here is what both dialects read alike.
 */
class DialectEngineTest {
  @TempDir Path dir;

  /** A reversible SQL step: {@code up}, and {@code down} to undo it. */
  private static MigrationDescriptor step(long version, String up, String down) {
    return new MigrationDescriptor(
        version,
        "step " + version,
        MigrationType.SQL,
        TestMigrations.checksum(up),
        true,
        true,
        true,
        false,
        "test.V" + version,
        () -> new SqlMigration(List.of(up), List.of(down)));
  }

  /** Step {@code v} creates table {@code t<v>} and logs its version, undone by its down. */
  private static MigrationDescriptor table(long v) {
    return step(
        v,
        "CREATE TABLE t" + v + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
        "DROP TABLE t" + v);
  }

  private static MigrationRegistry tables(long... versions) {
    List<MigrationDescriptor> steps = new java.util.ArrayList<>();
    steps.add(
        step(
            1, "CREATE TABLE applied_log (version INTEGER PRIMARY KEY)", "DROP TABLE applied_log"));
    for (long v : versions) {
      steps.add(
          java(
              v,
              "log " + v,
              ctx -> {
                ctx.execute("CREATE TABLE t" + v + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
                ctx.update("INSERT INTO applied_log (version) VALUES (?)", v);
              }));
    }
    return registry(steps);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void migratingTwiceAppliesNothingTheSecondTime(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    MigrationRegistry registry = registry(table(1), table(2), table(3));
    MigrateResult first = db.configure().registry(registry).load().migrate();
    MigrateResult second = db.configure().registry(registry).load().migrate();

    assertEquals(3, first.appliedCount());
    assertEquals(0, first.initialVersion());
    assertEquals(3, first.currentVersion());
    assertEquals(0, second.appliedCount());
    assertEquals(3, second.currentVersion());
    assertEquals(List.of("strata_history", "t1", "t2", "t3"), db.tables());
    assertEquals(
        List.of("1", "2", "3"),
        db.column("SELECT version FROM strata_history ORDER BY installed_rank"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void appliesOnlyThePendingStepsInVersionOrder(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(tables(2, 3)).load().migrate();
    MigrateResult later = db.configure().registry(tables(2, 3, 4, 5)).load().migrate();

    assertEquals(List.of(4L, 5L), later.applied().stream().map(MigrationInfo::version).toList());
    assertEquals(List.of("2", "3", "4", "5"), db.column("SELECT version FROM applied_log"));
    assertEquals(
        List.of("1", "2", "3", "4", "5"),
        db.column("SELECT version FROM strata_history ORDER BY installed_rank"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFailedStepLeavesTheHistoryAndSchemaAtTheLastGoodVersion(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    MigrationDescriptor broken =
        java(
            3,
            "half done",
            ctx -> {
              ctx.execute("CREATE TABLE half (id INTEGER PRIMARY KEY)");
              ctx.execute("INSERT INTO no_such_table VALUES (1)");
            });
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> db.configure().registry(registry(table(1), table(2), broken)).load().migrate());

    assertEquals(3, e.version());
    assertTrue(e.getMessage().contains("Migration 3 (half done) failed"), e.getMessage());
    assertEquals(Optional.of("INSERT INTO no_such_table VALUES (1)"), e.statement());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    if (dialect == Dialect.POSTGRESQL) {
      assertTrue(e.getMessage().contains("(SQLSTATE 42P01, "), e.getMessage());
      assertFalse(e.getMessage().contains("ERROR: "), e.getMessage());
    }
    assertEquals(List.of("strata_history", "t1", "t2"), db.tables());
    assertEquals(
        List.of("1", "2"), db.column("SELECT version FROM strata_history ORDER BY installed_rank"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anEditedAppliedMigrationIsReportedAndMigrateRefuses(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(registry(table(1))).load().migrate();
    MigrationRegistry edited =
        registry(step(1, "CREATE TABLE t1 (id INTEGER PRIMARY KEY, label TEXT)", "DROP TABLE t1"));

    ValidateResult result = db.configure().registry(edited).load().validate();
    List<ValidationIssue> mismatches = result.issues(ValidationIssue.Kind.CHECKSUM_MISMATCH);
    assertEquals(1, mismatches.size(), result.render());
    assertEquals(1, mismatches.get(0).version().getAsLong());
    assertThrows(ValidationException.class, () -> db.configure().registry(edited).load().migrate());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStepOlderThanTheHeadIsRefusedUnlessOutOfOrderIsAllowed(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(tables(3)).load().migrate();

    ValidationException refused =
        assertThrows(
            ValidationException.class,
            () -> db.configure().registry(tables(2, 3)).load().migrate());
    assertEquals(
        1, refused.result().issues(ValidationIssue.Kind.OUT_OF_ORDER).size(), refused.getMessage());
    assertEquals(List.of("3"), db.column("SELECT version FROM applied_log"));

    MigrateResult allowed = db.configure().registry(tables(2, 3)).outOfOrder(true).load().migrate();
    assertEquals(List.of(2L), allowed.applied().stream().map(MigrationInfo::version).toList());
    assertEquals(List.of("2", "3"), db.column("SELECT version FROM applied_log ORDER BY version"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rollbackRunsDownInReverseOrderBackingUpOnlySqlite(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    MigrationRegistry registry = registry(table(1), table(2), table(3));
    db.configure().registry(registry).load().migrate();

    RollbackResult result = db.configure().registry(registry).load().rollbackTo(1);

    assertEquals(
        List.of(3L, 2L), result.steps().stream().map(RollbackResult.Step::version).toList());
    assertEquals(1, result.currentVersion());
    assertEquals(List.of("strata_history", "t1"), db.tables());
    assertEquals(List.of("1"), db.column("SELECT version FROM strata_history"));
    if (dialect == Dialect.POSTGRESQL) {
      assertEquals(Optional.empty(), result.backup());
      assertEquals(Optional.of(RollbackResult.BACKUP_NOT_ON_POSTGRESQL), result.backupNote());
    } else {
      assertTrue(result.backup().isPresent());
      assertEquals(Optional.empty(), result.backupNote());
    }
    assertEquals(2, db.configure().registry(registry).load().migrate().appliedCount());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void baselineTakesOverAnExistingSchemaAndMigrateGoesOnFromIt(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.exec("CREATE TABLE t1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    db.exec("CREATE TABLE t2 (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    MigrationRegistry registry = registry(table(1), table(2), table(3));

    BaselineResult baseline = db.configure().registry(registry).load().baseline(2);
    MigrateResult migrated = db.configure().registry(registry).load().migrate();

    assertEquals(
        List.of(1L, 2L), baseline.recorded().stream().map(MigrationInfo::version).toList());
    assertEquals(
        List.of("BASELINE", "BASELINE", "SQL"),
        db.column("SELECT type FROM strata_history ORDER BY installed_rank"));
    assertEquals(List.of(3L), migrated.applied().stream().map(MigrationInfo::version).toList());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void repairRealignsTheChecksumOfAnEditedMigrationOnlyWhenConfirmed(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(registry(table(1))).load().migrate();
    MigrationRegistry edited =
        registry(step(1, "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name TEXT)", "DROP TABLE t1"));
    Strata strata = db.configure().registry(edited).load();

    RepairResult plan = strata.repair();
    assertEquals(1, plan.realigned().size());
    assertFalse(strata.validate().valid());
    RepairResult done = strata.repair(RepairOption.CONFIRM);

    assertTrue(done.confirmed());
    assertEquals(1, done.realigned().size());
    assertTrue(strata.validate().valid(), strata.validate().render());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void healthSaysUpWhenCurrentAndDegradedWithPendingSteps(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(registry(table(1), table(2))).load().migrate();

    HealthResult current =
        db.configure()
            .registry(registry(table(1), table(2)))
            .load()
            .health(HealthOption.CHECK_INTEGRITY);
    HealthResult behind =
        db.configure().registry(registry(table(1), table(2), table(3))).load().health();

    assertEquals(HealthStatus.UP, current.status(), current.reasons().toString());
    assertTrue(current.initialized());
    assertEquals(2, current.currentVersion());
    assertTrue(current.fileSizeBytes() > 0);
    assertTrue(current.integrity().isPresent());
    assertEquals(HealthStatus.DEGRADED, behind.status());
    assertEquals(1, behind.pendingCount());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aNonTransactionalStepRunsOutsideATransactionAndIsRecordedOnce(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    // CREATE INDEX CONCURRENTLY is what PostgreSQL refuses inside a transaction; VACUUM SQLite.
    String outside =
        dialect == Dialect.POSTGRESQL
            ? "CREATE INDEX CONCURRENTLY ix_t1_name ON t1 (name)"
            : "VACUUM";
    MigrationRegistry registry =
        registry(table(1), java(2, "outside", false, ctx -> ctx.execute(outside)), table(3));

    MigrateResult result = db.configure().registry(registry).load().migrate();
    MigrateResult again = db.configure().registry(registry).load().migrate();

    assertEquals(3, result.appliedCount());
    assertEquals(0, again.appliedCount());
    assertEquals(List.of("1", "1", "1"), db.column("SELECT success FROM strata_history"));
    assertEquals(
        List.of("APPLIED", "APPLIED", "APPLIED"),
        db.column("SELECT state FROM strata_history ORDER BY installed_rank"));
  }

  /** Step 1 and a repeatable that logs {@code text}, as a registry. */
  private static MigrationRegistry withRepeatable(String text) {
    MigrationRegistry versioned =
        registry(step(1, "CREATE TABLE log (what TEXT NOT NULL)", "DROP TABLE log"));
    RepeatableDescriptor repeatable =
        new RepeatableDescriptor(
            "log",
            "sha256:" + text,
            "test.Log",
            List.of("INSERT INTO log (what) VALUES ('" + text + "')"));
    return new MigrationRegistry() {
      @Override
      public List<MigrationDescriptor> migrations() {
        return versioned.migrations();
      }

      @Override
      public List<RepeatableDescriptor> repeatables() {
        return List.of(repeatable);
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRepeatableRunsFirstThenOnlyWhenItsChecksumChanges(Dialect dialect) {
    TestDatabase db = TestDatabase.fresh(dialect, dir);
    db.configure().registry(withRepeatable("a1")).load().migrate();
    MigrateResult unchanged = db.configure().registry(withRepeatable("a1")).load().migrate();
    db.configure().registry(withRepeatable("a2")).load().migrate();

    assertEquals(0, unchanged.appliedCount());
    assertEquals(List.of("a1", "a2"), db.column("SELECT what FROM log ORDER BY what"));
    assertEquals(
        List.of("sha256:a2"),
        db.column(
            "SELECT checksum FROM " + Strata.REPEATABLES_TABLE + " WHERE description = 'log'"));
  }
}
