package dev.strata.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.MigrationException;
import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite ignores {@code PRAGMA foreign_keys} inside a transaction: each switch must notice. */
class ForeignKeyEnforcementTest {
  private static final MigrationDescriptor REBUILD =
      new MigrationDescriptor(
          7,
          "rebuild part",
          MigrationType.SQL,
          "sha256:0",
          false,
          true,
          false,
          false,
          "test.V7",
          () -> new SqlMigration(List.of("SELECT 1"), List.of()));
  private static final Duration BUSY = Duration.ofSeconds(1);

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("fk.db"));
    execute("PRAGMA foreign_keys = ON");
    execute("CREATE TABLE part (id INTEGER PRIMARY KEY)");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void switchesOffAndOnAgainOutsideATransaction() throws SQLException {
    ForeignKeyEnforcement.off(connection, REBUILD, BUSY);
    assertEquals(0, foreignKeys());

    ForeignKeyEnforcement.restore(connection, REBUILD, BUSY, null);
    assertEquals(1, foreignKeys());
  }

  @Test
  void refusesToStartWhenATransactionKeepsEnforcementOn() throws SQLException {
    execute("BEGIN");

    MigrationException e =
        assertThrows(
            MigrationException.class, () -> ForeignKeyEnforcement.off(connection, REBUILD, BUSY));

    assertEquals(7, e.version());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Migration 7 (rebuild part): cannot run as a table rebuild (foreignKeys = false):"
                    + " PRAGMA foreign_keys = OFF did not take, because a transaction is open"),
        e.getMessage());
    assertEquals(1, foreignKeys());
  }

  @Test
  void aRestoreThatDoesNotTakeIsThrownOrAddedToTheStepsFailure() throws SQLException {
    ForeignKeyEnforcement.off(connection, REBUILD, BUSY);
    execute("BEGIN");

    MigrationException alone =
        assertThrows(
            MigrationException.class,
            () -> ForeignKeyEnforcement.restore(connection, REBUILD, BUSY, null));
    assertTrue(alone.getMessage().contains("foreign keys are NOT enforced"), alone.getMessage());

    IllegalStateException failure = new IllegalStateException("the step failed");
    ForeignKeyEnforcement.restore(connection, REBUILD, BUSY, failure);
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(failure.getSuppressed()[0].getMessage().contains("foreign keys are NOT enforced"));

    execute("ROLLBACK");
    ForeignKeyEnforcement.restore(connection, REBUILD, BUSY, null);
    assertEquals(1, foreignKeys());
  }

  @Test
  void aCleanDatabaseHasNoViolation() throws SQLException {
    assertTrue(ForeignKeyEnforcement.violation(connection, REBUILD, true).isEmpty());
  }

  @Test
  void violationsOfACompositeKeyInAWithoutRowidTableNameTheColumnsAndCountTheRows()
      throws SQLException {
    execute("PRAGMA foreign_keys = OFF");
    execute("CREATE TABLE bin (site TEXT, code TEXT, PRIMARY KEY (site, code))");
    execute(
        "CREATE TABLE stock (site TEXT, code TEXT, part_id INTEGER REFERENCES part, qty INTEGER,"
            + " PRIMARY KEY (site, code, part_id), FOREIGN KEY (site, code) REFERENCES bin)"
            + " WITHOUT ROWID");
    execute("INSERT INTO part (id) VALUES (1)");
    for (int i = 0; i < 7; i++) {
      execute("INSERT INTO stock VALUES ('north', 'A" + i + "', 1, " + i + ")");
    }

    String message =
        ForeignKeyEnforcement.violation(connection, REBUILD, true).orElseThrow().getMessage();

    assertEquals(
        "Migration 7 (rebuild part): PRAGMA foreign_key_check found rows whose foreign key refers"
            + " to no parent row, so it was rolled back.\n"
            + "  table stock (site, code) -> bin: 7 rows",
        message);
  }

  @Test
  void rowidsAreListedUpToFive() throws SQLException {
    execute("PRAGMA foreign_keys = OFF");
    execute("CREATE TABLE tag (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part (id))");
    for (int i = 1; i <= 8; i++) {
      execute("INSERT INTO tag (id, part_id) VALUES (" + i * 10 + ", 99)");
    }

    String message =
        ForeignKeyEnforcement.violation(connection, REBUILD, true).orElseThrow().getMessage();

    assertTrue(
        message.endsWith(
            "  table tag (part_id) -> part (id): 8 rows, rowids 10, 20, 30, 40, 50, ..."),
        message);
  }

  private int foreignKeys() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
