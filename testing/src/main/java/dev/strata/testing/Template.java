package dev.strata.testing;

import dev.strata.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database migrated (and populated) once for one {@link DatabaseSettings}, copied for each test
 * that uses them: a SQLite file, copied as a file, or a PostgreSQL database, copied by {@code
 * CREATE DATABASE ... TEMPLATE}. Made once per test run; immutable after, so tests copy it in
 * parallel. Deleted (dropped) when the run ends.
 */
final class Template implements ExtensionContext.Store.CloseableResource {
  /** SQLite: the template file's directory; null on PostgreSQL. */
  private final Path directory;

  /** PostgreSQL: the template database; null on SQLite. */
  private final String database;

  Template(DatabaseSettings settings) {
    if (settings.dialect() == Dialect.POSTGRESQL) {
      directory = null;
      database = PostgresTestServer.newName("template");
      PostgresTestServer server = PostgresTestServer.get();
      server.create(database, null);
      try {
        // Every connection is closed after: CREATE DATABASE refuses a template in use.
        settings.prepare(server.url(database));
      } catch (RuntimeException | Error e) {
        server.drop(database);
        throw e;
      }
      return;
    }
    database = null;
    directory = TestDatabase.newDirectory("template");
    Path file = directory.resolve(TestDatabase.FILE_NAME);
    try {
      settings.prepare(TrackedDataSource.url(file));
      // Every connection is closed: fold the WAL into the main file so it alone is the database.
      TrackedDataSource dataSource = TrackedDataSource.sqlite(file);
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      } finally {
        dataSource.closeAll();
      }
      Files.deleteIfExists(directory.resolve(TestDatabase.FILE_NAME + "-wal"));
      Files.deleteIfExists(directory.resolve(TestDatabase.FILE_NAME + "-shm"));
    } catch (SQLException e) {
      TestDatabase.deleteDirectory(directory);
      throw new IllegalStateException("Cannot checkpoint the template database " + file, e);
    } catch (IOException e) {
      TestDatabase.deleteDirectory(directory);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      TestDatabase.deleteDirectory(directory);
      throw e;
    }
  }

  /** SQLite: copies the template file to {@code target}. */
  void copyTo(Path target) {
    try {
      Files.copy(directory.resolve(TestDatabase.FILE_NAME), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the template database to " + target, e);
    }
  }

  /** PostgreSQL: creates the database {@code name} as a copy of the template. */
  void copyTo(String name) {
    PostgresTestServer.get().create(name, database);
  }

  @Override
  public void close() {
    if (database != null) {
      PostgresTestServer.get().drop(database);
    } else {
      TestDatabase.deleteDirectory(directory);
    }
  }
}
