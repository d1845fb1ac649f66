package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's format (issue 9 item 15), what is read from it (item 11), a database newer than the
 * application (item 12) and schemas created from the entities (item 14).
 */
class HistoryUpgradeTest {
  @TempDir Path dir;

  /** strata_history exactly as builds before issue 9 created it (format 1). */
  static final String FORMAT_1_DDL =
      """
      CREATE TABLE IF NOT EXISTS strata_history (
        installed_rank INTEGER PRIMARY KEY,
        version        INTEGER NOT NULL UNIQUE CHECK (version > 0),
        description    TEXT    NOT NULL,
        type           TEXT    NOT NULL,
        checksum       TEXT    NOT NULL,
        installed_on   TEXT    NOT NULL,
        installed_by   TEXT    NOT NULL,
        execution_ms   INTEGER NOT NULL,
        success        INTEGER NOT NULL CHECK (success IN (0, 1))
      )\
      """;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V2 =
      sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY)");

  /** A database as an earlier build left it: format 1, version 1 applied. */
  static void writeFormat1(Path db) {
    Db.exec(db, FORMAT_1_DDL);
    Db.exec(db, "CREATE TABLE part (id INTEGER PRIMARY KEY)");
    Db.exec(
        db,
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success) VALUES (1, 'create part', 'SQL', '"
            + V1.checksum()
            + "', '2026-01-01T00:00:00Z', 'old build', 12, 1)");
  }

  /** Upgraded to format 2, the old row kept as it was, version 2 applied once. */
  static void assertUpgraded(Path db) {
    assertEquals(
        List.of("2"),
        Db.column(
            db,
            "SELECT dflt_value FROM pragma_table_info('strata_history')"
                + " WHERE name = 'history_format'"));
    assertEquals(
        List.of("1|old build|12|1|", "2|" + "|1|APPLIED"),
        Db.column(
            db,
            "SELECT version || '|' || CASE version WHEN 1 THEN installed_by || '|' ||"
                + " execution_ms ELSE '' END || '|' || success || '|' || coalesce(state, '')"
                + " FROM strata_history ORDER BY version"));
    assertEquals(List.of("bin", "part", "strata_history"), Db.tables(db));
  }

  private Strata strata(Path db, MigrationDescriptor... migrations) {
    return Strata.configure().url(Db.url(db)).registry(registry(migrations)).load();
  }

  @Test
  void anEarlierBuildsHistoryIsReadAsItIsAndUpgradedInPlaceByMigrate() {
    Path db = dir.resolve("old.db");
    writeFormat1(db);

    // Read-only commands read format 1 as it is and change nothing.
    assertEquals(
        List.of(MigrationState.APPLIED, MigrationState.PENDING),
        strata(db, V1, V2).info().migrations().stream().map(MigrationInfo::state).toList());
    assertTrue(strata(db, V1, V2).validate().valid());
    assertEquals(
        List.of(),
        Db.column(db, "SELECT 1 FROM pragma_table_info('strata_history') WHERE cid > 8"));

    assertEquals(1, strata(db, V1, V2).migrate().appliedCount());
    assertUpgraded(db);
    // Idempotent: a second start neither adds nor changes anything.
    assertEquals(0, strata(db, V1, V2).migrate().appliedCount());
    assertUpgraded(db);
  }

  @Test
  void fourThreadsUpgradeAtOnce() throws Exception {
    Path db = dir.resolve("threads.db");
    writeFormat1(db);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MigrateResult>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> strata(db, V1, V2).migrate()));
      }
      int applied = 0;
      for (Future<MigrateResult> result : results) {
        applied += result.get().appliedCount();
      }
      assertEquals(1, applied);
    } finally {
      pool.shutdownNow();
    }
    assertUpgraded(db);
  }

  @Test
  void aHistoryOfANewerFormatIsRefusedWithoutChange() {
    Path db = dir.resolve("newer.db");
    strata(db, V1).migrate();
    Db.exec(
        db,
        "CREATE TABLE h AS SELECT * FROM strata_history; DROP TABLE strata_history;"
            + " ALTER TABLE h RENAME TO strata_history");
    Db.exec(db, "ALTER TABLE strata_history DROP COLUMN history_format");
    Db.exec(db, "ALTER TABLE strata_history ADD COLUMN history_format INTEGER NOT NULL DEFAULT 3");
    StrataException e = assertThrows(StrataException.class, () -> strata(db, V1, V2).migrate());
    assertTrue(
        e.getMessage().contains("has history format 3, written by a newer Strata"), e.getMessage());
  }

  // Item 11: a foreign or damaged history is one clear error, and nothing changes.

  private void assertRefusedUnchanged(Path db, String expected) throws Exception {
    List<String> before = contents(db);
    Strata strata = strata(db, V1, V2);
    for (Runnable call : List.<Runnable>of(strata::migrate, strata::info, strata::validate)) {
      StrataException e = assertThrows(StrataException.class, call::run);
      assertEquals(StrataException.class, e.getClass(), e.toString());
      assertTrue(e.getMessage().contains(expected), e.getMessage());
      assertTrue(e.getMessage().contains("changed nothing"), e.getMessage());
    }
    assertEquals(List.of("part", "strata_history"), Db.tables(db));
    // The schema and the history stay as they were (the file's bytes are item 10's: migrate
    // still turns a rollback-journal file into WAL).
    assertEquals(before, contents(db));
  }

  private static List<String> contents(Path db) {
    List<String> all =
        new ArrayList<>(Db.column(db, "SELECT sql FROM sqlite_master ORDER BY name"));
    all.addAll(
        Db.column(
            db, "SELECT quote(version) || ' ' || type || ' ' || installed_on FROM strata_history"));
    return all;
  }

  private Path foreign(String ddl, String... inserts) {
    Path db = dir.resolve("foreign.db");
    Db.exec(db, ddl);
    Db.exec(db, "CREATE TABLE part (id INTEGER PRIMARY KEY)");
    for (String insert : inserts) {
      Db.exec(db, insert);
    }
    return db;
  }

  private static String row(String version, String type, String installedOn) {
    return "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
        + " installed_by, execution_ms, success) VALUES ("
        + version
        + ", 'create part', "
        + type
        + ", 'sha256:x', "
        + installedOn
        + ", 'tool', 0, 1)";
  }

  @Test
  void aTypeNameAnotherToolWroteIsNamedNotLeakedAsAnEnumError() throws Exception {
    Path db = foreign(FORMAT_1_DDL, row("1", "'SQL_FILE'", "'2026-01-01T00:00:00Z'"));
    assertRefusedUnchanged(db, "type 'SQL_FILE' is not one of SQL, JAVA, BASELINE");
  }

  @Test
  void aTimestampThatIsNotAnInstantIsNamed() throws Exception {
    Path db = foreign(FORMAT_1_DDL, row("1", "'SQL'", "'2026-01-01 10:00:00'"));
    assertRefusedUnchanged(db, "installed_on '2026-01-01 10:00:00' is not an ISO-8601 UTC instant");
  }

  @Test
  void aSuccessThatContradictsTheStateIsNamed() throws Exception {
    Path db = dir.resolve("contradiction.db");
    strata(db, V1).migrate();

    Db.exec(db, "UPDATE strata_history SET success = 0 WHERE version = 1");
    assertRefusedUnchanged(db, "success is 0 but state is 'APPLIED'");

    Db.exec(db, "UPDATE strata_history SET success = 1, state = 'FAILED', failure = 'boom'");
    assertRefusedUnchanged(db, "success is 1 but state is 'FAILED'");
  }

  @Test
  void aTextVersionIsNeverReadAsAnInteger() throws Exception {
    Path db =
        foreign(
            FORMAT_1_DDL.replace("CHECK (version > 0)", ""),
            row("'1.2'", "'SQL'", "'2026-01-01T00:00:00Z'"));
    assertRefusedUnchanged(db, "version is real '1.2', not an integer");
  }

  @Test
  void columnTypesOtherThanStratasAreNamed() throws Exception {
    Path db =
        foreign(
            FORMAT_1_DDL.replace("version        INTEGER", "version        TEXT"),
            row("'1'", "'SQL'", "'2026-01-01T00:00:00Z'"));
    assertRefusedUnchanged(db, "version is TEXT, not INTEGER");
  }

  @Test
  void anExtraRequiredColumnIsBlamedOnTheTableNotOnTheFirstMigration() throws Exception {
    Path db =
        foreign(
            FORMAT_1_DDL.replace(
                "success        INTEGER NOT NULL CHECK (success IN (0, 1))",
                "success INTEGER NOT NULL, script TEXT NOT NULL"));
    assertRefusedUnchanged(
        db, "the column script is NOT NULL without a default, so Strata could not record a step");
  }

  // Item 12

  @Test
  void aDatabaseNewerThanTheApplicationIsSaidOnce() {
    Path db = dir.resolve("newer-app.db");
    List<MigrationDescriptor> all =
        LongStream.rangeClosed(1, 250)
            .mapToObj(v -> sql(v, "step " + v, "CREATE TABLE t" + v + " (x)"))
            .toList();
    Strata.configure().url(Db.url(db)).registry(registry(all)).load().migrate();
    Strata older =
        Strata.configure().url(Db.url(db)).registry(registry(all.subList(0, 200))).load();

    String said =
        "The database is at version 250, newer than this application's 200, which usually means"
            + " an older build is running against it";
    ValidateResult result = older.validate();
    assertEquals(
        List.of(ValidationIssue.Kind.NEWER_THAN_APPLICATION),
        result.issues().stream().map(ValidationIssue::kind).toList());
    assertTrue(result.issues().get(0).message().startsWith(said), result.render());
    ValidationException refused = assertThrows(ValidationException.class, older::migrate);
    assertEquals(1, refused.result().issues().size(), refused.getMessage());
    assertTrue(refused.getMessage().contains(said), refused.getMessage());
    assertTrue(!refused.getMessage().contains("no longer in the registry"), refused.getMessage());
  }

  // Item 14

  @Test
  void migrationsCoveredByCreateFromEntitiesAreShownSoNotAsApplied() {
    Path db = dir.resolve("fresh.db");
    MigrationDescriptor backfill = java(2, "backfill", ctx -> ctx.execute("SELECT 1"));
    Strata strata =
        Strata.configure()
            .url(Db.url(db))
            .registry(registry(V1, backfill))
            .schema(
                new dev.strata.spi.SchemaDefinition() {
                  @Override
                  public List<String> statements() {
                    return List.of("CREATE TABLE part (id INTEGER PRIMARY KEY)");
                  }
                })
            .freshStrategy(FreshStrategy.CREATE_FROM_ENTITIES)
            .load();
    assertTrue(strata.migrate().createdFromEntities());
    InfoResult info = strata.info();
    assertEquals(
        List.of(MigrationState.CREATED_FROM_ENTITIES, MigrationState.CREATED_FROM_ENTITIES),
        info.migrations().stream().map(MigrationInfo::state).toList());
    assertEquals(2, info.currentVersion());
    assertTrue(info.render().contains("| CREATED_FROM_ENTITIES |"), info.render());
    assertEquals(
        List.of("CREATED_FROM_ENTITIES", "CREATED_FROM_ENTITIES"),
        Db.column(db, "SELECT state FROM strata_history ORDER BY version"));
    assertEquals(0, strata.migrate().appliedCount());
  }
}
