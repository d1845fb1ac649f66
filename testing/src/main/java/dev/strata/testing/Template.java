package dev.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A file migrated (and populated) once for one {@link DatabaseSettings}, copied for each test that
 * uses them. Made once per test run; immutable after, so tests copy it in parallel. Deleted when
 * the run ends.
 */
final class Template implements ExtensionContext.Store.CloseableResource {
  private final Path directory;
  private final Path file;

  Template(DatabaseSettings settings) {
    directory = TestDatabase.newDirectory("template");
    file = directory.resolve(TestDatabase.FILE_NAME);
    try {
      settings.prepare(file);
      // Every connection is closed: fold the WAL into the main file so it alone is the database.
      PragmaDataSource dataSource = new PragmaDataSource(file);
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

  void copyTo(Path target) {
    try {
      Files.copy(file, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the template database to " + target, e);
    }
  }

  @Override
  public void close() {
    TestDatabase.deleteDirectory(directory);
  }
}
