package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrataBuilderTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  @Test
  void findsTheRegistryThroughServiceLoader() {
    MigrateResult result = Strata.configure().url(Db.url(db())).load().migrate();

    assertEquals(1, result.appliedCount());
    assertEquals(List.of("discovered", "strata_history"), Db.tables(db()));
  }

  @Test
  void refusesWhenNoRegistryIsOnTheClassPath() throws IOException {
    StrataException e =
        assertThrows(
            StrataException.class,
            () -> withContextLoader(List.of(), () -> Strata.configure().url(Db.url(db())).load()));
    assertTrue(
        e.getMessage().startsWith("No MigrationRegistry found on the class path"), e.getMessage());
  }

  @Test
  void refusesWhenTwoRegistriesAreOnTheClassPath() throws IOException {
    StrataException e =
        assertThrows(
            StrataException.class,
            () ->
                withContextLoader(
                    List.of("dev.strata.ServiceLoadedRegistry$Other"),
                    () -> Strata.configure().url(Db.url(db())).load()));
    assertTrue(
        e.getMessage().contains("Found 2 implementations of MigrationRegistry"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("dev.strata.ServiceLoadedRegistry, dev.strata.ServiceLoadedRegistry$Other"),
        e.getMessage());
  }

  @Test
  void looksForTheRegistryInTheGivenClassLoaderInsteadOfTheContextLoader() throws IOException {
    // The context loader (the test's) finds ServiceLoadedRegistry; the given loaders decide.
    try (URLClassLoader none = registryLoader(List.of())) {
      StrataException e =
          assertThrows(
              StrataException.class,
              () -> Strata.configure().url(Db.url(db())).classLoader(none).load());
      assertTrue(e.getMessage().startsWith("No MigrationRegistry found"), e.getMessage());
    }
    try (URLClassLoader two = registryLoader(List.of("dev.strata.ServiceLoadedRegistry$Other"))) {
      StrataException e =
          assertThrows(
              StrataException.class,
              () -> Strata.configure().url(Db.url(db())).classLoader(two).load());
      assertTrue(e.getMessage().contains("Found 2 implementations"), e.getMessage());
    }
  }

  @Test
  void readsSettingsFromAPropertiesFile() throws IOException {
    Path file = dir.resolve("strata.properties");
    Files.writeString(
        file,
        "strata.url="
            + db()
            + "\nstrata.outOfOrder=true\nstrata.installedBy=ops\n"
            + "strata.busyTimeoutMs=2500\nother.key=ignored\n");
    Strata.configure()
        .registry(registry(sql(2, "two", "SELECT 1")))
        .fromProperties(file)
        .load()
        .migrate();

    Strata strata =
        Strata.configure()
            .registry(registry(sql(1, "one", "SELECT 1"), sql(2, "two", "SELECT 1")))
            .fromProperties(file)
            .load();
    // Out of order is allowed by the file, so version 1 is applied after 2.
    assertEquals(1, strata.migrate().appliedCount());
    assertEquals(List.of("ops", "ops"), Db.column(db(), "SELECT installed_by FROM strata_history"));
  }

  @Test
  void rejectsUnknownAndInvalidProperties() throws IOException {
    Path typo = dir.resolve("typo.properties");
    Files.writeString(typo, "strata.outoforder=true\n");
    StrataException unknown =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(typo));
    assertTrue(
        unknown
            .getMessage()
            .startsWith("Unknown setting strata.outoforder in properties file " + typo),
        unknown.getMessage());
    assertTrue(unknown.getMessage().contains("strata.outOfOrder"), unknown.getMessage());

    Path invalid = dir.resolve("invalid.properties");
    Files.writeString(invalid, "strata.busyTimeoutMs=soon\n");
    StrataException bad =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(invalid));
    assertTrue(
        bad.getMessage()
            .startsWith(
                "Invalid value 'soon' for strata.busyTimeoutMs in properties file " + invalid),
        bad.getMessage());
  }

  @Test
  void missingPropertiesFileIsOneClearSentence() {
    Path missing = dir.resolve("nowhere.properties");
    StrataException e =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(missing));
    assertEquals("The properties file " + missing + " does not exist", e.getMessage());
    StrataException directory =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(dir));
    assertTrue(
        directory.getMessage().startsWith("Cannot read the properties file " + dir + ": "),
        directory.getMessage());
    assertFalse(directory.getMessage().endsWith(": " + dir), directory.getMessage());
  }

  @Test
  void readsSettingsFromTheEnvironment() {
    Strata.configure()
        .fromEnvironment(
            Map.of(
                "STRATA_URL",
                db().toString(),
                "STRATA_INSTALLED_BY",
                "ci",
                "STRATA_FRESH_STRATEGY",
                "run_migrations",
                "HOME",
                "/nowhere"))
        .registry(registry(sql(1, "one", "SELECT 1")))
        .load()
        .migrate();

    assertEquals(List.of("ci"), Db.column(db(), "SELECT installed_by FROM strata_history"));
  }

  /** stepTimeout comes from the builder, the environment and properties, in that precedence. */
  @Test
  void readsTheStepTimeoutFromEverySource() throws IOException {
    Path file = dir.resolve("strata.properties");
    Files.writeString(file, "strata.url=" + db() + "\nstrata.stepTimeoutMs=300\n");
    MigrationDescriptor endless =
        sql(
            1,
            "endless",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM"
                + " c");
    Function<StrataBuilder, String> limitHit =
        builder ->
            assertThrows(
                    MigrationException.class,
                    () -> builder.registry(registry(endless)).load().migrate())
                .getMessage()
                .replaceAll("(?s).*past stepTimeout, ([0-9.]+ s).*", "$1");

    assertEquals("0.3 s", limitHit.apply(Strata.configure().fromProperties(file)));
    assertEquals(
        "0.2 s",
        limitHit.apply(
            Strata.configure()
                .fromProperties(file)
                .fromEnvironment(Map.of("STRATA_STEP_TIMEOUT_MS", "200"))));
    assertEquals(
        "0.1 s",
        limitHit.apply(
            Strata.configure()
                .stepTimeout(Duration.ofMillis(100))
                .fromEnvironment(Map.of("STRATA_STEP_TIMEOUT_MS", "200"))
                .fromProperties(file)));

    Files.writeString(file, "strata.stepTimeoutMs=-5\n");
    StrataException bad =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(file));
    assertTrue(
        bad.getMessage()
            .startsWith(
                "Invalid value '-5' for strata.stepTimeoutMs in properties file "
                    + file
                    + ": expected a whole number of milliseconds, 0 or more"),
        bad.getMessage());
  }

  @Test
  void needsExactlyOneDatabase() {
    StrataException none =
        assertThrows(StrataException.class, () -> Strata.configure().registry(registry()).load());
    assertTrue(none.getMessage().startsWith("No database configured"), none.getMessage());
    StrataException both =
        assertThrows(
            StrataException.class,
            () ->
                Strata.configure()
                    .url("x.db")
                    .dataSource(new org.sqlite.SQLiteDataSource())
                    .registry(registry())
                    .load());
    assertTrue(both.getMessage().contains("choose one"), both.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:sqlite::memory:",
        ":memory:",
        "jdbc:sqlite:file::memory:?cache=shared",
        "jdbc:sqlite:file:app.db?mode=memory",
        "jdbc:sqlite:file:app.db?cache=shared&MODE=MEMORY"
      })
  void refusesADatabaseThatWouldNotOutliveACall(String url) {
    StrataException e =
        assertThrows(
            StrataException.class, () -> Strata.configure().url(url).registry(registry()).load());
    assertTrue(e.getMessage().contains("is in memory or temporary"), e.getMessage());
  }

  @Test
  void refusesARegistryOutOfOrder() {
    StrataException e =
        assertThrows(
            StrataException.class,
            () ->
                Strata.configure()
                    .url(Db.url(db()))
                    .registry(registry(sql(2, "two", "SELECT 1"), sql(1, "one", "SELECT 1")))
                    .load());
    assertTrue(
        e.getMessage().contains("strictly ascending order, but 1 follows 2"), e.getMessage());
  }

  /** Runs {@code action} with a context class loader that lists only {@code providers}. */
  private <T> T withContextLoader(List<String> providers, Supplier<T> action) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = registryLoader(providers)) {
      thread.setContextClassLoader(loader);
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * A loader whose services file lists {@code providers}; below the test's own loader (whose file
   * lists {@link ServiceLoadedRegistry}) unless empty, so that an empty list finds no registry.
   */
  private URLClassLoader registryLoader(List<String> providers) throws IOException {
    Path root = dir.resolve("loader");
    Path services = root.resolve("META-INF/services/dev.strata.spi.MigrationRegistry");
    Files.createDirectories(services.getParent());
    Files.write(services, providers);
    ClassLoader parent =
        providers.isEmpty() ? ClassLoader.getPlatformClassLoader() : getClass().getClassLoader();
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, parent);
  }
}
