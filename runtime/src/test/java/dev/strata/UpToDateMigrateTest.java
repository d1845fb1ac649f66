package dev.strata;

import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A migrate() with nothing to write reads on its one read-only connection and opens no connection
 * to write with; everything that still has something to write (a pending step, a changed
 * repeatable, a file not yet in WAL mode) opens it as before.
 */
class UpToDateMigrateTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V2 =
      sql(2, "create location", "CREATE TABLE location (id INTEGER PRIMARY KEY)");

  /** A real SQLite DataSource that counts the connections the engine asks for. */
  private static final class Counting extends PlainDataSource {
    private final SQLiteDataSource real = new SQLiteDataSource();
    private final AtomicInteger opened = new AtomicInteger();

    Counting(Path file) {
      real.setUrl(Db.url(file));
    }

    int opened() {
      return opened.getAndSet(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
      opened.incrementAndGet();
      return real.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      opened.incrementAndGet();
      return real.getConnection(user, password);
    }
  }

  private static MigrationRegistry registry(
      List<MigrationDescriptor> migrations, List<RepeatableDescriptor> repeatables) {
    return new MigrationRegistry() {
      @Override
      public List<MigrationDescriptor> migrations() {
        return migrations;
      }

      @Override
      public List<RepeatableDescriptor> repeatables() {
        return repeatables;
      }
    };
  }

  private static Strata strata(Counting source, MigrationDescriptor... migrations) {
    return Strata.configure()
        .dataSource(source)
        .registry(registry(List.of(migrations), List.of()))
        .load();
  }

  @Test
  void upToDateOpensOnlyTheReadOnlyConnection() {
    Path db = dir.resolve("a.db");
    Counting source = new Counting(db);
    assertEquals(2, strata(source, V1, V2).migrate().appliedCount());
    assertEquals(2, source.opened(), "a migrate that writes: read-only look, then the writer");

    MigrateResult again = strata(source, V1, V2).migrate();
    assertEquals(1, source.opened(), "nothing to write: the read-only look only");
    assertEquals(0, again.appliedCount());
    assertEquals(2, again.initialVersion());
    assertEquals(2, again.currentVersion());
  }

  @Test
  void aPendingStepStillOpensTheWriterAndApplies() {
    Path db = dir.resolve("b.db");
    Counting source = new Counting(db);
    strata(source, V1).migrate();
    source.opened();
    MigrateResult result = strata(source, V1, V2).migrate();
    assertEquals(2, source.opened());
    assertEquals(1, result.appliedCount());
    assertEquals(2, result.currentVersion());
  }

  @Test
  void aTargetBelowThePendingStepsIsNothingToWrite() {
    Path db = dir.resolve("c.db");
    Counting source = new Counting(db);
    strata(source, V1).migrate();
    source.opened();
    MigrateResult result =
        Strata.configure()
            .dataSource(source)
            .registry(registry(List.of(V1, V2), List.of()))
            .target(1)
            .load()
            .migrate();
    assertEquals(1, source.opened());
    assertEquals(1, result.currentVersion());
    assertEquals(List.of("1"), Db.column(db, "SELECT version FROM strata_history"));
  }

  @Test
  void aFileNotInWalModeIsSwitchedByTheWriter() {
    Path db = dir.resolve("d.db");
    Counting source = new Counting(db);
    strata(source, V1).migrate();
    Db.exec(db, "PRAGMA journal_mode = DELETE");
    source.opened();
    assertEquals(0, strata(source, V1).migrate().appliedCount());
    assertEquals(2, source.opened());
    assertEquals(List.of("wal"), Db.column(db, "PRAGMA journal_mode"));
  }

  @Test
  void anEarlierHistoryFormatIsUpgradedByTheWriter() {
    Path db = dir.resolve("f.db");
    Db.exec(db, "PRAGMA journal_mode = WAL");
    HistoryUpgradeTest.writeFormat1(db);
    Counting source = new Counting(db);
    assertEquals(0, strata(source, V1).migrate().appliedCount());
    assertEquals(2, source.opened());
    assertEquals(
        List.of("2"),
        Db.column(
            db,
            "SELECT dflt_value FROM pragma_table_info('strata_history')"
                + " WHERE name = 'history_format'"));
  }

  @Test
  void aChangedRepeatableStillOpensTheWriterAndRuns() {
    Path db = dir.resolve("e.db");
    Counting source = new Counting(db);
    RepeatableDescriptor first =
        new RepeatableDescriptor(
            "view", "sha256:1", "test.view", List.of("CREATE VIEW v AS SELECT 1 AS one"));
    RepeatableDescriptor changed =
        new RepeatableDescriptor(
            "view",
            "sha256:2",
            "test.view",
            List.of("DROP VIEW v", "CREATE VIEW v AS SELECT 2 AS one"));
    Strata.configure()
        .dataSource(source)
        .registry(registry(List.of(V1), List.of(first)))
        .load()
        .migrate();
    source.opened();
    Strata unchanged =
        Strata.configure()
            .dataSource(source)
            .registry(registry(List.of(V1), List.of(first)))
            .load();
    assertEquals(0, unchanged.migrate().appliedCount());
    assertEquals(1, source.opened());
    MigrateResult result =
        Strata.configure()
            .dataSource(source)
            .registry(registry(List.of(V1), List.of(changed)))
            .load()
            .migrate();
    assertEquals(2, source.opened());
    assertEquals(1, result.appliedCount());
    assertEquals(List.of("2"), Db.column(db, "SELECT one FROM v"));
    assertTrue(result.currentVersion() == 1);
  }
}
