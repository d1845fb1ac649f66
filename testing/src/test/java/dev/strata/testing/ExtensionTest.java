package dev.strata.testing;

import static dev.strata.testing.ExtensionRegistries.record;
import static dev.strata.testing.ExtensionRegistries.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.strata.InfoResult;
import dev.strata.MigrationState;
import dev.strata.Strata;
import dev.strata.testing.ExtensionRegistries.OnlyInTestKit;
import dev.strata.testing.ExtensionRegistries.Shop;
import dev.strata.testing.fixtures.FixtureRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension, run through the {@link EngineTestKit} on small fixture classes with real SQLite
 * files.
 */
class ExtensionTest {

  // ---------------------------------------------------------------- isolation

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Isolation {
    @Test
    @Order(1)
    void first(Connection c) throws SQLException {
      insertCustomerAndExpectOne(c);
    }

    @Test
    @Order(2)
    void second(Connection c) throws SQLException {
      insertCustomerAndExpectOne(c);
    }

    @Test
    @Order(3)
    @StrataDatabase(registry = Shop.class, template = false)
    void withoutTemplate(Connection c) throws SQLException {
      insertCustomerAndExpectOne(c);
    }

    @Test
    @Order(4)
    void fourth(Connection c) throws SQLException {
      insertCustomerAndExpectOne(c);
    }
  }

  @Test
  void aRowInsertedInOneTestIsAbsentInTheNext() {
    assertAllPass(run(Isolation.class, false), 4);
  }

  // ---------------------------------------------------------------- PRAGMAs

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class)
  static class Pragmas {
    @Test
    void onTheInjectedConnection(Connection c) throws SQLException {
      assertProductionPragmas(c);
    }

    @Test
    void onDataSourceConnections(DataSource dataSource) throws SQLException {
      try (Connection c = dataSource.getConnection()) {
        assertProductionPragmas(c);
      }
    }

    @Test
    void foreignKeysAreEnforced(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        SQLException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                SQLException.class,
                () -> s.executeUpdate("INSERT INTO orders (customer_id) VALUES (42)"));
        assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
      }
    }
  }

  @Test
  void theProductionPragmasAreOn() {
    assertAllPass(run(Pragmas.class, false), 3);
  }

  static void assertProductionPragmas(Connection c) throws SQLException {
    assertEquals("1", single(c, "PRAGMA foreign_keys"));
    assertEquals("wal", single(c, "PRAGMA journal_mode"));
    assertEquals("1", single(c, "PRAGMA synchronous"), "NORMAL");
    assertEquals(
        String.valueOf(TrackedDataSource.BUSY_TIMEOUT_MS), single(c, "PRAGMA busy_timeout"));
  }

  // ---------------------------------------------------------------- injection

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class)
  static class Injection {
    static Path classDatabase;
    Connection beforeEach;

    @BeforeAll
    static void beforeAll(Path file, Connection c) throws SQLException {
      classDatabase = file;
      assertEquals("3", single(c, "SELECT max(version) FROM strata_history"));
    }

    @BeforeEach
    void beforeEach(Connection c) throws SQLException {
      beforeEach = c;
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'from beforeEach')");
      }
    }

    @Test
    void pathDataSourceStrataAndConnection(
        Path file, DataSource dataSource, Strata strata, Connection c) throws SQLException {
      assertSame(beforeEach, c, "the test shares its @BeforeEach connection");
      assertNotEquals(classDatabase, file, "a test's database is not the class's");
      assertTrue(Files.isRegularFile(file), file.toString());
      assertEquals("test.db", file.getFileName().toString());
      assertEquals("from beforeEach", single(c, "SELECT name FROM customer"));
      try (Connection other = dataSource.getConnection()) {
        assertNotSame(c, other);
        assertEquals("from beforeEach", single(other, "SELECT name FROM customer"));
      }
      InfoResult info = strata.info();
      assertEquals(3, info.currentVersion());
      assertEquals(0, strata.migrate().appliedCount());
      try (Connection direct =
          java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
        assertEquals("from beforeEach", single(direct, "SELECT name FROM customer"));
      }
    }

    @Test
    void tempDirStillGoesToJUnit(@TempDir Path dir, Path file) {
      assertNotEquals(dir, file.getParent());
    }
  }

  @Test
  void injectsPathDataSourceStrataAndConnectionIntoTestsAndLifecycleMethods() {
    assertAllPass(run(Injection.class, false), 2);
  }

  // ---------------------------------------------------------------- cleanup and failure

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class)
  static class Cleanup {
    @Test
    void passes(Path file, Connection c, DataSource dataSource) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'a')");
      }
      dataSource.getConnection(); // left open on purpose: the extension closes it
      assertTrue(Files.exists(file.resolveSibling("test.db-wal")), "WAL side file");
      record("cleanup", file);
    }

    @Test
    void fails(Path file, Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO customer (id, name) VALUES (7, 'evidence')");
      }
      record("failed", file);
      org.junit.jupiter.api.Assertions.fail("on purpose");
    }
  }

  @Test
  void deletesThePassingTestsFileAndKeepsTheFailingTestsFileNamingIt() throws SQLException {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    EngineExecutionResults results;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      results = run(Cleanup.class, false);
    } finally {
      System.setErr(err);
    }
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));

    Path passed = (Path) seen("cleanup").get(0);
    assertFalse(Files.exists(passed), passed + " deleted");
    assertFalse(Files.exists(passed.resolveSibling("test.db-wal")), "-wal deleted");
    assertFalse(Files.exists(passed.resolveSibling("test.db-shm")), "-shm deleted");
    assertFalse(Files.exists(passed.getParent()), "its directory deleted");

    Path failed = (Path) seen("failed").get(0);
    try {
      assertTrue(Files.isRegularFile(failed), failed + " kept");
      String path = failed.toAbsolutePath().toString();
      String stderr = captured.toString(StandardCharsets.UTF_8);
      assertTrue(stderr.contains("sqlite3 " + path), stderr);
      List<String> reported =
          results.allEvents().reportingEntryPublished().stream()
              .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
              .map(r -> r.getKeyValuePairs().get(StrataExtension.REPORT_KEY))
              .toList();
      assertEquals(List.of(path), reported);
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + path)) {
        assertEquals("evidence", single(c, "SELECT name FROM customer WHERE id = 7"));
      }
    } finally {
      TestDatabase.deleteDirectory(failed.getParent());
    }
  }

  // ---------------------------------------------------------------- parallel

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class)
  static class Parallel {
    static final CountDownLatch EIGHT_AT_ONCE = new CountDownLatch(8);

    static Stream<Integer> numbers() {
      return IntStream.rangeClosed(1, 16).boxed();
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void fromTemplate(int n, Connection c, Path file) throws Exception {
      work(n, c, file);
    }

    @ParameterizedTest
    @MethodSource("numbers")
    @StrataDatabase(registry = Shop.class, template = false)
    void migratedEach(int n, Connection c, Path file) throws Exception {
      work(n, c, file);
    }

    private static void work(int n, Connection c, Path file) throws Exception {
      EIGHT_AT_ONCE.countDown();
      // Proves eight tests really ran at once (each holding its database), then goes on.
      EIGHT_AT_ONCE.await(30, TimeUnit.SECONDS);
      record("parallel", file);
      record("threads", Thread.currentThread().getName());
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO customer (id, name) VALUES (" + n + ", 'n')");
        s.executeUpdate("INSERT INTO orders (customer_id, total) VALUES (" + n + ", 1)");
      }
      assertEquals("1", single(c, "SELECT count(*) FROM customer"));
      assertEquals("1", single(c, "SELECT count(*) FROM orders"));
    }
  }

  @Test
  void thirtyTwoTestsOnEightThreadsEachGetTheirOwnDatabase() {
    EngineExecutionResults results = run(Parallel.class, true);
    assertAllPass(results, 32);
    assertEquals(0, Parallel.EIGHT_AT_ONCE.getCount(), "eight tests ran at once");
    List<Object> files = seen("parallel");
    assertEquals(32, files.size());
    assertEquals(32, new HashSet<>(files).size(), "32 distinct files");
    files.forEach(f -> assertFalse(Files.exists((Path) f), f + " deleted"));
    Set<Object> threads = new HashSet<>(seen("threads"));
    assertTrue(threads.size() >= 8, "threads: " + threads);
  }

  // ---------------------------------------------------------------- migrateTo and populate

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class, migrateTo = 1)
  static class MigrateTo {
    @Test
    void classLevelStopsAtOne(Connection c) throws SQLException {
      assertEquals("1", single(c, "SELECT max(version) FROM strata_history"));
      assertEquals("0", single(c, "SELECT count(*) FROM sqlite_master WHERE name = 'orders'"));
    }

    @Test
    @StrataDatabase(registry = Shop.class, migrateTo = 2)
    void methodWinsAndStopsAtTwo(Connection c, Strata strata) throws SQLException {
      assertEquals("2", single(c, "SELECT max(version) FROM strata_history"));
      assertEquals("1", single(c, "SELECT count(*) FROM sqlite_master WHERE name = 'orders'"));
      assertEquals(
          "0", single(c, "SELECT count(*) FROM sqlite_master WHERE name = 'orders_customer'"));
      InfoResult info = strata.info();
      assertEquals(2, info.currentVersion());
      assertEquals(
          List.of(MigrationState.PENDING),
          info.migrations().stream()
              .filter(m -> m.version() == 3)
              .map(m -> m.state())
              .collect(Collectors.toList()));
    }

    @Test
    @StrataDatabase(registry = Shop.class, migrateTo = 2, template = false)
    void withoutTemplateToo(Connection c) throws SQLException {
      assertEquals("2", single(c, "SELECT max(version) FROM strata_history"));
    }
  }

  @Test
  void migrateToStopsAtTheVersionAndTheMethodWins() {
    assertAllPass(run(MigrateTo.class, false), 3);
  }

  @ExtendWith(OnlyInTestKit.class)
  static class Populate {
    @Test
    @StrataDatabase(registry = FixtureRegistry.class, populate = 25)
    void callsTheFixturesNextToTheRegistry(Connection c) throws SQLException {
      assertEquals("25", single(c, "SELECT count(*) FROM customer"));
      assertEquals("25", single(c, "SELECT count(*) FROM orders"));
    }

    @Test
    @StrataDatabase(registry = FixtureRegistry.class, populate = 3, template = false)
    void withoutTemplateToo(Connection c) throws SQLException {
      assertEquals("3", single(c, "SELECT count(*) FROM orders"));
    }

    @Test
    @StrataDatabase(registry = Shop.class, populate = 5)
    void failsClearlyWithoutFixtures(Connection c) {}
  }

  @Test
  void populateCallsTheGeneratedFixturesOrSaysWhyNot() {
    EngineExecutionResults results = run(Populate.class, false);
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
    String message =
        results.testEvents().failed().stream()
            .map(ExtensionTest::failure)
            .findFirst()
            .orElseThrow();
    assertTrue(message.contains("dev.strata.testing.StrataFixtures.populate"), message);
    assertTrue(message.contains(Shop.class.getName()), message);
  }

  // ---------------------------------------------------------------- helpers

  @AfterEach
  void forget() {
    ExtensionRegistries.SEEN.clear();
  }

  static void insertCustomerAndExpectOne(Connection c) throws SQLException {
    assertEquals("0", single(c, "SELECT count(*) FROM customer"), "no row from another test");
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'only')");
    }
    assertEquals("1", single(c, "SELECT count(*) FROM customer"));
  }

  static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  static EngineExecutionResults run(Class<?> fixture, boolean parallel) {
    var request =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(fixture))
            .configurationParameter(OnlyInTestKit.KEY, "true");
    if (parallel) {
      request =
          request.configurationParameters(
              Map.of(
                  "junit.jupiter.execution.parallel.enabled", "true",
                  "junit.jupiter.execution.parallel.mode.default", "concurrent",
                  "junit.jupiter.execution.parallel.config.strategy", "fixed",
                  "junit.jupiter.execution.parallel.config.fixed.parallelism", "8"));
    }
    return request.execute();
  }

  static void assertAllPass(EngineExecutionResults results, int tests) {
    List<String> failures =
        results.testEvents().failed().stream().map(ExtensionTest::failure).toList();
    assertEquals(List.of(), failures);
    List<String> containerFailures =
        results.containerEvents().failed().stream().map(ExtensionTest::failure).toList();
    assertEquals(List.of(), containerFailures);
    assertEquals(tests, results.testEvents().succeeded().count());
  }

  static String failure(Event event) {
    return event.getTestDescriptor().getDisplayName()
        + ": "
        + event
            .getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable)
            .map(Throwable::toString)
            .orElse("?");
  }
}
