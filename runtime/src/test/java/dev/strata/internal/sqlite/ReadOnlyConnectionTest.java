package dev.strata.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.StrataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connections of the read commands are read-only for SQLite itself, whoever runs the process
 * and whatever the file's permissions: a write fails, and no PRAGMA that writes is set.
 */
class ReadOnlyConnectionTest {
  @TempDir Path dir;

  private Connections connections(Path file) {
    return new Connections(
        "jdbc:sqlite:" + file, null, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  @Test
  void sqliteRefusesEveryWriteOnTheReadConnection() throws Exception {
    Path file = dir.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE part (id INTEGER PRIMARY KEY)");
    }

    try (Connection c = connections(file).openReadOnly();
        Statement s = c.createStatement()) {
      assertTrue(c.isReadOnly());
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute("INSERT INTO part VALUES (1)"));
      assertEquals(8, e.getErrorCode() & 0xff, e.getMessage());
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertEquals("delete", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "the settings that decide what statements do still apply");
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("app.db"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aMissingDatabaseIsNotCreated() {
    Path file = dir.resolve("missing.db");
    StrataException e =
        assertThrows(MissingDatabaseException.class, () -> connections(file).openReadOnly());
    assertTrue(e.getMessage().startsWith("No database at jdbc:sqlite:" + file), e.getMessage());
    assertTrue(Files.notExists(file));
  }
}
