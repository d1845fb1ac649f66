package dev.strata.testing;

import dev.strata.Strata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One test's database: its own directory holding {@code test.db} (and SQLite's {@code -wal} and
 * {@code -shm} beside it), the connections handed out, and a configured {@link Strata}. Used by one
 * test, so by one thread at a time.
 */
final class TestDatabase {
  static final String FILE_NAME = "test.db";

  private final Path directory;
  private final Path file;
  private final DatabaseSettings settings;
  private final PragmaDataSource dataSource;
  private Connection connection;
  private Strata strata;

  private TestDatabase(Path directory, DatabaseSettings settings) {
    this.directory = directory;
    this.file = directory.resolve(FILE_NAME);
    this.settings = settings;
    this.dataSource = new PragmaDataSource(file);
  }

  /** A new directory and a migrated file: a copy of {@code template}, or migrated in place. */
  static TestDatabase create(String name, DatabaseSettings settings, Template template) {
    Path directory = newDirectory(name);
    TestDatabase database = new TestDatabase(directory, settings);
    try {
      if (template != null) {
        template.copyTo(database.file);
      } else {
        settings.prepare(database.file);
      }
    } catch (RuntimeException | Error e) {
      deleteDirectory(directory);
      throw e;
    }
    return database;
  }

  static Path newDirectory(String name) {
    String prefix =
        "strata-" + name.replaceAll("[^A-Za-z0-9_.-]+", "_").toLowerCase(Locale.ROOT) + "-";
    if (prefix.length() > 60) {
      prefix = prefix.substring(0, 59) + "-";
    }
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for a database", e);
    }
  }

  Path file() {
    return file;
  }

  PragmaDataSource dataSource() {
    return dataSource;
  }

  /** The test's connection: one per test, shared by its lifecycle methods, closed after it. */
  Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dataSource.getConnection();
    }
    return connection;
  }

  Strata strata() {
    if (strata == null) {
      strata = settings.strata(file);
    }
    return strata;
  }

  /** Closes every connection handed out; returns a failure to report, or null. */
  SQLException close() {
    return dataSource.closeAll();
  }

  /** Deletes the directory with the file and its side files. */
  void delete() {
    deleteDirectory(directory);
  }

  static void deleteDirectory(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the test database in " + directory, e);
    }
  }
}
