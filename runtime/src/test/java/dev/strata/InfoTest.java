package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V2 =
      sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V3 =
      sql(3, "create location", "CREATE TABLE location (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V4 =
      sql(4, "create stock", "CREATE TABLE stock (id INTEGER PRIMARY KEY)");

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(dir.resolve("app.db")))
        .registry(registry(migrations))
        .load();
  }

  @Test
  void infoOnAFreshDatabaseListsEverythingPendingAndCreatesNoHistory() throws IOException {
    Files.createFile(dir.resolve("app.db"));
    InfoResult info = strata(V1, V2).info();

    assertEquals(
        List.of(MigrationState.PENDING, MigrationState.PENDING),
        info.migrations().stream().map(MigrationInfo::state).toList());
    assertEquals(0, info.currentVersion());
    assertEquals(2, info.pending().size());
    assertEquals(List.of(), Db.tables(dir.resolve("app.db")));
  }

  @Test
  void infoShowsEveryState() {
    strata(V1, V3, V4).migrate();
    InfoResult info = strata(V1, V2, V3).info();

    assertEquals(
        List.of(
            MigrationState.APPLIED,
            MigrationState.OUT_OF_ORDER,
            MigrationState.APPLIED,
            MigrationState.MISSING),
        info.migrations().stream().map(MigrationInfo::state).toList());
    assertEquals(4, info.currentVersion());
    MigrationInfo applied = info.migrations().get(0);
    assertTrue(
        applied.installedOn().isPresent()
            && applied.installedBy().isPresent()
            && applied.executionMs().isPresent());
    assertTrue(info.migrations().get(1).installedOn().isEmpty());
  }

  @Test
  void rendersAFixedWidthTable() {
    Strata strata = strata(V1, V2);
    strata.migrate();
    strata = strata(V1, V2, V3);

    String[] lines = strata.info().render().split("\n");

    assertEquals(7, lines.length);
    assertTrue(
        lines[1].matches(
            "\\| Version \\| Description +\\| Type \\| State +\\| Installed on \\(UTC\\) +\\| ms"
                + " \\|"),
        lines[1]);
    assertTrue(
        lines[3].matches(
            "\\| 1 +\\| create part +\\| SQL +\\| APPLIED +\\| \\d{4}-\\d\\d-\\d\\d"
                + " \\d\\d:\\d\\d:\\d\\d +\\| \\d+ +\\|"),
        lines[3]);
    assertTrue(
        lines[5].matches("\\| 3 +\\| create location +\\| SQL +\\| PENDING +\\| +\\| +\\|"),
        lines[5]);
    for (String line : lines) {
      assertEquals(lines[0].length(), line.length(), line);
    }
  }

  /** info() lists every migration as pending there instead: see ReadOnlyPathsTest. */
  @Test
  void validateOnAMissingFileSaysSoAndCreatesNothing() {
    Path typo = dir.resolve("tpyo.db");
    Strata strata = Strata.configure().url(Db.url(typo)).registry(registry(V1)).load();

    for (Runnable read : List.<Runnable>of(strata::validate)) {
      StrataException e = assertThrows(StrataException.class, read::run);
      assertTrue(
          e.getMessage()
              .startsWith(
                  "No database at jdbc:sqlite:" + typo + ": it is opened without creating it"),
          e.getMessage());
    }
    assertTrue(Files.notExists(typo));
  }

  @Test
  void historyTableNotMadeByStrataIsNamedNotQueried() {
    Db.exec(dir.resolve("app.db"), "CREATE TABLE strata_history (version INTEGER, note TEXT)");
    Strata strata = strata(V1);

    for (Runnable call : List.<Runnable>of(strata::info, strata::validate, strata::migrate)) {
      StrataException e = assertThrows(StrataException.class, call::run);
      assertTrue(
          e.getMessage()
              .contains(
                  "The table strata_history was not created by Strata: it lacks the columns"
                      + " installed_rank, description, type, checksum, installed_on, installed_by,"
                      + " execution_ms, success."),
          e.getMessage());
    }
  }
}
