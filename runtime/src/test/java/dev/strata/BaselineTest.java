package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#baseline(long)} on real SQLite files (issue 12 item 2). */
class BaselineTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)");
  private static final MigrationDescriptor V2 =
      sql(2, "index part names", "CREATE INDEX part_name ON part (name)");
  private static final MigrationDescriptor V3 =
      sql(3, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY)");

  private Path db() {
    return dir.resolve("legacy.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .lockTimeout(Duration.ofSeconds(30))
        .load();
  }

  /** A database made before Strata, by hand: the schema of version 2, and a row. */
  private void legacy() {
    Db.exec(db(), "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)");
    Db.exec(db(), "CREATE INDEX part_name ON part (name)");
    Db.exec(db(), "INSERT INTO part (id, name) VALUES (1, 'bolt')");
  }

  private List<String> history() {
    return Db.column(
        db(),
        "SELECT version || ':' || type || ':' || state || ':' || success || ':' || checksum"
            + " FROM strata_history ORDER BY version");
  }

  @Test
  void recordsEveryVersionUpToTheBaselineThenMigrateAppliesOnlyTheLaterOnes() {
    legacy();
    BaselineResult result = strata(V1, V2, V3).baseline(2);

    assertEquals(2, result.version());
    assertEquals(List.of(1L, 2L), result.recorded().stream().map(MigrationInfo::version).toList());
    for (MigrationInfo info : result.recorded()) {
      assertEquals(MigrationType.BASELINE, info.type());
      assertEquals(MigrationState.APPLIED, info.state());
    }
    assertEquals(
        List.of("1:BASELINE:APPLIED:1:" + V1.checksum(), "2:BASELINE:APPLIED:1:" + V2.checksum()),
        history());

    InfoResult info = strata(V1, V2, V3).info();
    assertEquals(
        List.of(MigrationType.BASELINE, MigrationType.BASELINE, MigrationType.SQL),
        info.migrations().stream().map(MigrationInfo::type).toList());
    assertEquals(
        List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.PENDING),
        info.migrations().stream().map(MigrationInfo::state).toList());
    assertTrue(info.render().contains("BASELINE"), info.render());
    assertEquals(2, info.currentVersion());

    ValidateResult validate = strata(V1, V2, V3).validate();
    assertTrue(validate.valid(), validate.render());
    assertEquals(1, validate.pending());

    MigrateResult migrate = strata(V1, V2, V3).migrate();
    assertEquals(2, migrate.initialVersion());
    assertEquals(List.of(3L), migrate.applied().stream().map(MigrationInfo::version).toList());
    assertEquals(List.of("bin", "part", "strata_history"), Db.tables(db()));
    assertEquals(1, Db.count(db(), "part"));
    assertTrue(strata(V1, V2, V3).validate().valid());
  }

  @Test
  void anEditedBaselinedMigrationIsACheckedChecksumLikeAnyApplied() {
    legacy();
    strata(V1, V2, V3).baseline(1);
    MigrationDescriptor edited = sql(1, "create part", "CREATE TABLE part (id INTEGER)");
    ValidateResult validate = strata(edited, V2, V3).validate();
    assertEquals(1, validate.issues(ValidationIssue.Kind.CHECKSUM_MISMATCH).size());
  }

  @Test
  void acceptsAnEmptyHistoryTable() {
    strata().migrate(); // an empty registry: creates strata_history, records nothing
    legacy();
    assertEquals(List.of(), history());

    BaselineResult result = strata(V1, V2, V3).baseline(1);

    assertEquals(List.of(1L), result.recorded().stream().map(MigrationInfo::version).toList());
    assertEquals(List.of("1:BASELINE:APPLIED:1:" + V1.checksum()), history());
  }

  @Test
  void refusesAVersionThatIsNotRegistered() throws Exception {
    legacy();
    String before = sha256();
    for (long version : new long[] {0, 4, -1}) {
      StrataException e =
          assertThrows(StrataException.class, () -> strata(V1, V2, V3).baseline(version));
      assertEquals(
          "Cannot baseline at version "
              + version
              + ": it is not a registered version, and baseline needs the version of a registered"
              + " migration, the one whose schema the database already has. Registered versions:"
              + " 1, 2, 3.",
          e.getMessage());
    }
    assertEquals(before, sha256());
    assertEquals(List.of("part"), Db.tables(db()));
  }

  @Test
  void refusesAnEmptyDatabase() throws Exception {
    Db.exec(db(), "CREATE TABLE scratch (x)");
    Db.exec(db(), "DROP TABLE scratch");
    String before = sha256();
    StrataException e = assertThrows(StrataException.class, () -> strata(V1, V2).baseline(1));
    assertTrue(
        e.getMessage().contains("holds no table or view of its own")
            && e.getMessage().contains("Run migrate"),
        e.getMessage());
    assertEquals(before, sha256());
    assertEquals(List.of(), Db.tables(db()));
  }

  @Test
  void refusesWhereNoDatabaseIsAndCreatesNone() {
    StrataException e = assertThrows(StrataException.class, () -> strata(V1, V2).baseline(1));
    assertTrue(e.getMessage().contains("there is no database at"), e.getMessage());
    assertFalse(Files.exists(db()));
  }

  @Test
  void refusesADatabaseWithHistory() throws Exception {
    strata(V1).migrate();
    String before = sha256();
    StrataException e = assertThrows(StrataException.class, () -> strata(V1, V2).baseline(2));
    assertEquals(
        "Cannot baseline at version 2: strata_history already has a row (applied head 1)."
            + " Baseline is only for a database that Strata has never migrated; nothing was"
            + " changed. Use migrate, or repair for failed rows.",
        e.getMessage());
    assertEquals(before, sha256());
    assertEquals(List.of("1:SQL:APPLIED:1:" + V1.checksum()), history());
  }

  @Test
  void ofTwoConcurrentBaselinesOneRecordsAndTheOtherIsRefused() throws Exception {
    legacy();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Object>> calls =
        List.of(1, 2).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            start.await();
                            return (Object) strata(V1, V2, V3).baseline(2);
                          } catch (StrataException e) {
                            return e;
                          } catch (InterruptedException e) {
                            throw new AssertionError(e);
                          }
                        }))
            .toList();
    start.countDown();
    List<Object> outcomes = calls.stream().map(CompletableFuture::join).toList();
    assertEquals(
        1, outcomes.stream().filter(o -> o instanceof BaselineResult).count(), "" + outcomes);
    assertEquals(2, history().size());
  }

  private String sha256() throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(db())));
  }
}
