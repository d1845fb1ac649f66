package dev.strata.testing;

import dev.strata.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The empty databases one verifier check works in, gone when it is closed: files in a temporary
 * directory on SQLite; on PostgreSQL schemas of one database that the JVM's verifier checks share
 * ({@code CREATE SCHEMA} takes milliseconds, {@code CREATE DATABASE} about a second), each dropped
 * with everything in it. A URL of a PostgreSQL schema sets {@code currentSchema}, so the engine and
 * the inspector work in that schema alone.
 */
final class ScratchDatabases implements AutoCloseable {
  private static String shared;

  private final Dialect dialect;
  private final Path directory;
  private final List<String> schemas = new ArrayList<>();

  private ScratchDatabases(Dialect dialect, Path directory) {
    this.dialect = dialect;
    this.directory = directory;
  }

  static ScratchDatabases open(Dialect dialect) throws IOException {
    return new ScratchDatabases(
        dialect, dialect == Dialect.SQLITE ? Files.createTempDirectory("strata-verify-") : null);
  }

  /** The URL of a new, empty database named {@code name} within this check. */
  String create(String name) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      return "jdbc:sqlite:" + directory.resolve(name + ".db");
    }
    String schema = PostgresTestServer.newName(name);
    PostgresTestServer server = PostgresTestServer.get();
    try (Connection connection = DriverManager.getConnection(sharedUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    schemas.add(schema);
    return server.url(sharedDatabase(), schema);
  }

  /** A connection to {@code url}; on SQLite with foreign keys enforced, as the engine opens it. */
  Connection connect(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    if (dialect == Dialect.SQLITE) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA foreign_keys = ON");
      }
    }
    return connection;
  }

  /** The URL of the database of the JVM's PostgreSQL checks. */
  static String sharedUrl() {
    return PostgresTestServer.get().url(sharedDatabase());
  }

  /** The database of the JVM's PostgreSQL checks, created on first use. */
  private static synchronized String sharedDatabase() {
    if (shared == null) {
      String name = PostgresTestServer.newName("verify");
      PostgresTestServer server = PostgresTestServer.get();
      server.create(name, null);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.drop(name); // a server of the user's own keeps no leftovers
                    } catch (RuntimeException e) {
                      // an embedded server may already be stopping, and takes the database along
                    }
                  }));
      shared = name;
    }
    return shared;
  }

  @Override
  public void close() throws SQLException {
    if (directory != null) {
      TestDatabase.deleteDirectory(directory);
      return;
    }
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(sharedUrl());
        Statement statement = connection.createStatement()) {
      for (String schema : schemas) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
