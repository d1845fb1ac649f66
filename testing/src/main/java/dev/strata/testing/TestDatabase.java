package dev.strata.testing;

import dev.strata.Strata;
import dev.strata.sql.Dialect;
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
 * One test's database, the connections handed out, and a configured {@link Strata}: on SQLite its
 * own directory holding {@code test.db} (and SQLite's {@code -wal} and {@code -shm} beside it), on
 * PostgreSQL a database of its own on the {@link PostgresTestServer}. Used by one test, so by one
 * thread at a time.
 */
final class TestDatabase {
  static final String FILE_NAME = "test.db";

  /** SQLite: the file's directory; null on PostgreSQL. */
  private final Path directory;

  /** PostgreSQL: the database's name; null on SQLite. */
  private final String name;

  private final String url;
  private final DatabaseSettings settings;
  private final TrackedDataSource dataSource;
  private Connection connection;
  private Strata strata;

  private TestDatabase(Path directory, String name, String url, DatabaseSettings settings) {
    this.directory = directory;
    this.name = name;
    this.url = url;
    this.settings = settings;
    this.dataSource = TrackedDataSource.of(settings.dialect(), url);
  }

  /** A new, migrated database: a copy of {@code template}, or migrated itself when it is null. */
  static TestDatabase create(String testName, DatabaseSettings settings, Template template) {
    return settings.dialect() == Dialect.POSTGRESQL
        ? postgres(settings, template)
        : sqlite(testName, settings, template);
  }

  private static TestDatabase sqlite(
      String testName, DatabaseSettings settings, Template template) {
    Path directory = newDirectory(testName);
    Path file = directory.resolve(FILE_NAME);
    TestDatabase database =
        new TestDatabase(directory, null, TrackedDataSource.url(file), settings);
    try {
      if (template != null) {
        template.copyTo(file);
      } else {
        settings.prepare(database.url);
      }
    } catch (RuntimeException | Error e) {
      deleteDirectory(directory);
      throw e;
    }
    return database;
  }

  private static TestDatabase postgres(DatabaseSettings settings, Template template) {
    PostgresTestServer server = PostgresTestServer.get();
    String name = PostgresTestServer.newName("test");
    TestDatabase database = new TestDatabase(null, name, server.url(name), settings);
    if (template != null) {
      template.copyTo(name);
      return database;
    }
    server.create(name, null);
    try {
      settings.prepare(database.url);
    } catch (RuntimeException | Error e) {
      server.drop(name);
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

  /** The SQLite file; null on PostgreSQL. */
  Path file() {
    return directory == null ? null : directory.resolve(FILE_NAME);
  }

  /** Where the database is, for messages: the file, or the PostgreSQL database's name. */
  String location() {
    return directory == null ? "the PostgreSQL database " + name : file().toString();
  }

  boolean isFile() {
    return directory != null;
  }

  TrackedDataSource dataSource() {
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
      strata = settings.strata(url);
    }
    return strata;
  }

  /** Closes every connection handed out; returns a failure to report, or null. */
  SQLException close() {
    return dataSource.closeAll();
  }

  /** Deletes the file and its side files, or drops the PostgreSQL database. */
  void delete() {
    if (name != null) {
      PostgresTestServer.get().drop(name);
    } else {
      deleteDirectory(directory);
    }
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
