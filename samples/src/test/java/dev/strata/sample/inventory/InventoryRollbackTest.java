package dev.strata.sample.inventory;

import static dev.strata.sample.inventory.InventoryMigrationsTest.open;
import static dev.strata.sample.inventory.InventoryMigrationsTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.IrreversibleMigrationException;
import dev.strata.MigrationType;
import dev.strata.RollbackOption;
import dev.strata.RollbackResult;
import dev.strata.Strata;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import dev.strata.schema.SchemaSnapshot;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollbackTo} on the sample's chain of eight migrations, SQL and Java: every earlier version
 * is reachable from the head, and leaves exactly the schema (and seed rows) of a database migrated
 * only that far.
 */
class InventoryRollbackTest {
  private static final long HEAD = 8;

  @TempDir Path dir;

  @Test
  void rollbackToEachEarlierVersionLeavesTheSchemaOfADatabaseMigratedOnlyThatFar()
      throws Exception {
    // The chain has no irreversible step, so every version below the head can be reached.
    assertTrue(new StrataMigrations().migrations().stream().allMatch(m -> m.reversible()));
    for (long target = HEAD - 1; target >= 0; target--) {
      Path db = dir.resolve("rolled-" + target + ".db");
      strata(db, new StrataMigrations()).migrate();

      RollbackResult result = strata(db, new StrataMigrations()).rollbackTo(target);

      assertEquals(HEAD, result.initialVersion());
      assertEquals(target, result.currentVersion());
      List<Long> expectedSteps = new ArrayList<>();
      for (long v = HEAD; v > target; v--) {
        expectedSteps.add(v);
      }
      assertEquals(
          expectedSteps, result.steps().stream().map(RollbackResult.Step::version).toList());
      List<String> expectedHistory = new ArrayList<>();
      for (long v = 1; v <= target; v++) {
        expectedHistory.add(String.valueOf(v));
      }
      assertEquals(
          expectedHistory, column(db, "SELECT version FROM strata_history ORDER BY version"));

      Path reference = dir.resolve("reference-" + target + ".db");
      Strata.configure()
          .url(reference.toString())
          .registry(new StrataMigrations())
          .target(target)
          .load()
          .migrate();
      long version = target;
      SchemaModel expected = inspect(reference);
      SchemaModel actual = inspect(db);
      SchemaDiff diff = SchemaDiff.compare(expected, actual);
      assertTrue(diff.isEmpty(), () -> "rolled back to " + version + ":\n" + diff.render());
      assertEquals(SchemaSnapshot.toJson(expected), SchemaSnapshot.toJson(actual), "to " + target);
      assertEquals(rowCounts(reference), rowCounts(db), "rows, to " + target);
    }
  }

  @Test
  void whereStepsHaveNoDownTheRefusalNamesEveryOneAndChangesNothing() throws Exception {
    // The sample's two Java migrations as they would be without their down (the processor then
    // records them irreversible).
    List<MigrationDescriptor> oneWay =
        new StrataMigrations()
            .migrations().stream()
                .map(m -> m.type() == MigrationType.JAVA ? withoutDown(m) : m)
                .toList();
    MigrationRegistry registry = () -> oneWay;
    Path db = dir.resolve("inventory.db");
    strata(db, registry).migrate();
    String before = sha256(db);

    IrreversibleMigrationException e =
        assertThrows(
            IrreversibleMigrationException.class, () -> strata(db, registry).rollbackTo(3));

    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot roll back to version 3; nothing was changed. 2 step(s) in range cannot be"
                    + " rolled back:"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("migration 7 (Backfill part search names) is irreversible"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("migration 4 (Seed reference data) is irreversible"),
        e.getMessage());
    assertEquals(before, sha256(db));
    // Above the last irreversible step, rollback still works.
    assertEquals(7, strata(db, registry).rollbackTo(7).currentVersion());
  }

  @Test
  void aDryRunOfTheWholeChainReturnsThePlanAndChangesNothing() throws Exception {
    Path db = dir.resolve("inventory.db");
    strata(db, new StrataMigrations()).migrate();
    String before = sha256(db);
    List<Path> filesBefore = files();

    RollbackResult plan = strata(db, new StrataMigrations()).rollbackTo(0, RollbackOption.DRY_RUN);

    assertTrue(plan.dryRun());
    assertEquals(HEAD, plan.currentVersion());
    assertEquals(
        List.of(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L),
        plan.steps().stream().map(RollbackResult.Step::version).toList());
    // SQL forms show their down statements; Java ones are known only by running them.
    assertEquals(Optional.of(List.of("DROP VIEW stock_summary")), plan.steps().get(0).downSql());
    assertEquals(Optional.empty(), plan.steps().get(1).downSql());
    assertEquals(Optional.empty(), plan.steps().get(4).downSql());
    assertEquals(before, sha256(db));
    // A WAL database's reader may leave SQLite's side files, but nothing written into them.
    List<Path> added = new ArrayList<>(files());
    added.removeAll(filesBefore);
    for (Path file : added) {
      assertTrue(file.toString().endsWith("-shm") || file.toString().endsWith("-wal"), "" + file);
    }
    Path wal = Path.of(db + "-wal");
    assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "empty " + wal);
    assertEquals(HEAD, strata(db, new StrataMigrations()).info().migrations().size());
  }

  private static MigrationDescriptor withoutDown(MigrationDescriptor m) {
    return new MigrationDescriptor(
        m.version(),
        m.description(),
        m.type(),
        m.checksum(),
        false,
        m.transactional(),
        m.foreignKeys(),
        m.destructive(),
        m.source(),
        m.factory());
  }

  private static SchemaModel inspect(Path db) throws SQLException {
    try (Connection c = open(db)) {
      return SchemaInspector.inspect(c, Set.of(Strata.HISTORY_TABLE));
    }
  }

  /** Rows per table: the seed data (V4) comes and goes with its step, as the schema does. */
  private static Map<String, String> rowCounts(Path db) throws SQLException {
    Map<String, String> counts = new LinkedHashMap<>();
    for (String table :
        column(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " AND name <> 'strata_history' ORDER BY name")) {
      counts.put(table, column(db, "SELECT count(*) FROM \"" + table + "\"").get(0));
    }
    return counts;
  }

  private static List<String> column(Path db, String sql) throws SQLException {
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
