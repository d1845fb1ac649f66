package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.StrataBuilder.Option;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Precedence (explicit > environment > file > default), unknown keys and malformed values. */
class ConfigurationTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  enum Source {
    EXPLICIT,
    ENVIRONMENT,
    FILE
  }

  /** Three distinct values, none the default: for an explicit call, the environment, a file. */
  private static final Map<Option, List<String>> VALUES =
      Map.of(
          Option.URL, List.of("jdbc:sqlite:explicit.db", "jdbc:sqlite:env.db", "file.db"),
          Option.BUSY_TIMEOUT_MS, List.of("1000", "2000", "3000"),
          Option.LOCK_TIMEOUT_MS, List.of("4000", "5000", "6000"),
          Option.STEP_TIMEOUT_MS, List.of("100", "200", "300"),
          Option.TARGET, List.of("1", "2", "3"),
          Option.INSTALLED_BY, List.of("explicit", "env", "file"));

  /** Every ordered pair of sources, each source alone, and none: the precedence table. */
  static Stream<Arguments> precedence() {
    List<Arguments> rows = new ArrayList<>();
    rows.add(Arguments.of(List.of(), null));
    for (Source a : Source.values()) {
      rows.add(Arguments.of(List.of(a), a));
      for (Source b : Source.values()) {
        if (a != b) {
          rows.add(Arguments.of(List.of(a, b), a.compareTo(b) < 0 ? a : b));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("precedence")
  void theHigherSourceWinsWhateverTheOrderOfTheCalls(List<Source> calls, Source winner)
      throws IOException {
    for (Map.Entry<Option, List<String>> entry : VALUES.entrySet()) {
      Option option = entry.getKey();
      StrataBuilder builder = Strata.configure();
      Object defaultValue = builder.setting(option);
      for (Source source : calls) {
        apply(builder, source, option, entry.getValue().get(source.ordinal()));
      }
      Object expected =
          winner == null
              ? defaultValue
              : option.parse(entry.getValue().get(winner.ordinal()), "expected");
      assertEquals(expected, builder.setting(option), option + " with " + calls);
    }
  }

  /** An explicit call that restates the default still hides the environment and the file. */
  @Test
  void anExplicitDefaultValueStillWins() throws IOException {
    for (boolean explicitFirst : new boolean[] {true, false}) {
      StrataBuilder builder = Strata.configure();
      if (explicitFirst) {
        builder.outOfOrder(false).freshStrategy(FreshStrategy.RUN_MIGRATIONS);
      }
      builder
          .fromEnvironment(
              Map.of(
                  "STRATA_OUT_OF_ORDER", "true", "STRATA_FRESH_STRATEGY", "create_from_entities"))
          .fromProperties(
              file("strata.outOfOrder=true\nstrata.freshStrategy=CREATE_FROM_ENTITIES\n"));
      if (!explicitFirst) {
        builder.outOfOrder(false).freshStrategy(FreshStrategy.RUN_MIGRATIONS);
      }
      assertEquals(false, builder.setting(Option.OUT_OF_ORDER));
      assertEquals(FreshStrategy.RUN_MIGRATIONS, builder.setting(Option.FRESH_STRATEGY));
    }
  }

  @Test
  void anExplicitDataSourceHidesAUrlFromTheEnvironmentOrAFile() throws IOException {
    Path db = dir.resolve("app.db");
    org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
    dataSource.setUrl(Db.url(db));
    Strata.configure()
        .fromEnvironment(Map.of("STRATA_URL", dir.resolve("env.db").toString()))
        .fromProperties(file("strata.url=" + dir.resolve("file.db") + "\n"))
        .dataSource(dataSource)
        .registry(registry(sql(1, "one", "SELECT 1")))
        .load()
        .migrate();
    assertEquals(List.of("strata_history"), Db.tables(db));
    assertTrue(Files.notExists(dir.resolve("env.db")));
    assertTrue(Files.notExists(dir.resolve("file.db")));
  }

  /** The same precedence end to end: what migrate() records, not only what the builder holds. */
  @Test
  void loadAppliesThePrecedence() throws IOException {
    Path db = dir.resolve("app.db");
    Strata.configure()
        .installedBy("explicit")
        .fromEnvironment(Map.of("STRATA_URL", db.toString(), "STRATA_INSTALLED_BY", "env"))
        .fromProperties(file("strata.url=" + dir.resolve("file.db") + "\nstrata.target=0\n"))
        .registry(registry(sql(1, "one", "SELECT 1"), sql(2, "two", "SELECT 1")))
        .load()
        .migrate();
    assertEquals(
        List.of(), Db.column(db, "SELECT installed_by FROM strata_history WHERE version > 0"));
    Strata.configure()
        .fromProperties(file("strata.url=" + db + "\nstrata.installedBy=file\n"))
        .fromEnvironment(Map.of("STRATA_INSTALLED_BY", "env"))
        .registry(registry(sql(1, "one", "SELECT 1"), sql(2, "two", "SELECT 1")))
        .load()
        .migrate();
    assertEquals(List.of("env", "env"), Db.column(db, "SELECT installed_by FROM strata_history"));
    assertTrue(Files.notExists(dir.resolve("file.db")));
  }

  @Test
  void anUnknownEnvironmentVariableIsAnError() {
    StrataException e =
        assertThrows(
            StrataException.class,
            () ->
                Strata.configure()
                    .fromEnvironment(Map.of("STRATA_OUTOFORDER", "true", "HOME", "/nowhere")));
    assertEquals(
        "Unknown environment variable STRATA_OUTOFORDER; known: "
            + "STRATA_URL, STRATA_OUT_OF_ORDER, STRATA_BUSY_TIMEOUT_MS, STRATA_LOCK_TIMEOUT_MS,"
            + " STRATA_STEP_TIMEOUT_MS, STRATA_TARGET, STRATA_INSTALLED_BY, STRATA_FRESH_STRATEGY",
        e.getMessage());
  }

  @Test
  void anUnknownPropertyIsAnError() throws IOException {
    Path file = file("strata.busyTimeout=5\nother.key=ignored\n");
    StrataException e =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(file));
    assertEquals(
        "Unknown setting strata.busyTimeout in properties file "
            + file
            + "; known: strata.url, strata.outOfOrder, strata.busyTimeoutMs, strata.lockTimeoutMs,"
            + " strata.stepTimeoutMs, strata.target, strata.installedBy, strata.freshStrategy",
        e.getMessage());
  }

  private static final Map<Option, String> MALFORMED =
      Map.of(
          Option.OUT_OF_ORDER, "yes",
          Option.BUSY_TIMEOUT_MS, "soon",
          Option.LOCK_TIMEOUT_MS, "-1",
          Option.STEP_TIMEOUT_MS, "1.5",
          Option.TARGET, "-3",
          Option.FRESH_STRATEGY, "sometimes");

  @ParameterizedTest
  @EnumSource(
      value = Option.class,
      names = {"URL", "INSTALLED_BY"},
      mode = EnumSource.Mode.EXCLUDE)
  void aMalformedValueNamesTheKeyTheSourceAndTheAcceptedForm(Option option) throws IOException {
    String bad = MALFORMED.get(option);
    StrataException env =
        assertThrows(
            StrataException.class,
            () -> Strata.configure().fromEnvironment(Map.of(option.environmentName(), bad)));
    assertEquals(
        "Invalid value '"
            + bad
            + "' for environment variable "
            + option.environmentName()
            + ": expected "
            + option.acceptedForm(),
        env.getMessage());

    Path file = file(option.propertyName() + "=" + bad + "\n");
    StrataException property =
        assertThrows(StrataException.class, () -> Strata.configure().fromProperties(file));
    assertEquals(
        "Invalid value '"
            + bad
            + "' for "
            + option.propertyName()
            + " in properties file "
            + file
            + ": expected "
            + option.acceptedForm(),
        property.getMessage());
  }

  @Test
  void theAcceptedFormsSaySomething() {
    assertEquals(
        "one of RUN_MIGRATIONS, CREATE_FROM_ENTITIES (any case)",
        Option.FRESH_STRATEGY.acceptedForm());
    assertEquals("true or false", Option.OUT_OF_ORDER.acceptedForm());
  }

  /** The README's one table of options is the option table: same rows, names and defaults. */
  @Test
  void theReadmeTableIsTheOptionTable() throws IOException {
    String readme = Files.readString(README);
    String header = "| builder | environment | property | default | meaning |";
    assertEquals(1, readme.split(java.util.regex.Pattern.quote(header), -1).length - 1, header);
    String table = readme.substring(readme.indexOf(header));
    table = table.substring(0, table.indexOf("\n\n"));
    List<String> rows = new ArrayList<>();
    for (String line : table.split("\n")) {
      String[] cells = line.split("\\|");
      if (!cells[1].strip().startsWith("`")) {
        continue; // the header and the separator
      }
      rows.add(
          String.join(
              " | ", unquote(cells[1]), unquote(cells[2]), unquote(cells[3]), cells[4].strip()));
      assertTrue(cells.length > 5 && !cells[5].isBlank(), "a meaning for " + cells[1]);
    }
    List<String> options =
        Arrays.stream(Option.values())
            .map(
                o ->
                    String.join(
                        " | ",
                        o.builderMethod(),
                        o.environmentName(),
                        o.propertyName(),
                        o.defaultValue()))
            .toList();
    assertEquals(options, rows);
    for (Option option : Option.values()) {
      assertTrue(
          Arrays.stream(StrataBuilder.class.getMethods())
              .filter(m -> Modifier.isPublic(m.getModifiers()))
              .map(Method::getName)
              .anyMatch(option.builderMethod()::equals),
          option.builderMethod());
    }
  }

  private static String unquote(String cell) {
    String s = cell.strip();
    assertTrue(s.startsWith("`") && s.endsWith("`"), s);
    return s.substring(1, s.length() - 1);
  }

  private void apply(StrataBuilder builder, Source source, Option option, String text)
      throws IOException {
    switch (source) {
      case ENVIRONMENT -> builder.fromEnvironment(Map.of(option.environmentName(), text));
      case FILE -> builder.fromProperties(file(option.propertyName() + "=" + text + "\n"));
      case EXPLICIT -> {
        Object value = option.parse(text, "test");
        switch (option) {
          case URL -> builder.url((String) value);
          case OUT_OF_ORDER -> builder.outOfOrder((Boolean) value);
          case BUSY_TIMEOUT_MS -> builder.busyTimeout((Duration) value);
          case LOCK_TIMEOUT_MS -> builder.lockTimeout((Duration) value);
          case STEP_TIMEOUT_MS -> builder.stepTimeout((Duration) value);
          case TARGET -> builder.target((Long) value);
          case INSTALLED_BY -> builder.installedBy((String) value);
          case FRESH_STRATEGY -> builder.freshStrategy((FreshStrategy) value);
        }
      }
    }
  }

  private Path file(String text) throws IOException {
    Path file = Files.createTempFile(dir, "strata", ".properties");
    Files.writeString(file, text);
    return file;
  }
}
