package dev.strata.testing;

import static dev.strata.testing.ExtensionRegistries.record;
import static dev.strata.testing.ExtensionRegistries.seen;
import static dev.strata.testing.ExtensionTest.assertAllPass;
import static dev.strata.testing.ExtensionTest.run;
import static dev.strata.testing.ExtensionTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.MigrationState;
import dev.strata.Strata;
import dev.strata.sql.Dialect;
import dev.strata.testing.ExtensionRegistries.OnlyInTestKit;
import dev.strata.testing.ExtensionRegistries.SampleLike;
import dev.strata.testing.ExtensionRegistries.Shop;
import dev.strata.testing.fixtures.FixtureRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension on PostgreSQL (the embedded server), run through the test kit: each test its own
 * database, copied from a migrated template, and dropped afterwards, also when the test fails.
 */
class PostgresExtensionTest {

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = Shop.class, dialect = Dialect.POSTGRESQL)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Isolation {
    @Test
    @Order(1)
    void first(Connection c, DataSource dataSource, Strata strata) throws SQLException {
      recordDatabase(c);
      insertCustomerAndExpectOne(c);
      try (Connection other = dataSource.getConnection()) {
        assertEquals("1", single(other, "SELECT count(*) FROM customer"));
        assertEquals(single(c, "SELECT current_database()"), other.getCatalog());
      }
      assertEquals(3, strata.info().migrations().size());
      assertTrue(strata.validate().valid(), strata.validate().render());
    }

    @Test
    @Order(2)
    void second(Connection c) throws SQLException {
      recordDatabase(c);
      insertCustomerAndExpectOne(c);
    }

    @Test
    @Order(3)
    @StrataDatabase(registry = Shop.class, dialect = Dialect.POSTGRESQL, template = false)
    void withoutTemplate(Connection c) throws SQLException {
      recordDatabase(c);
      insertCustomerAndExpectOne(c);
    }

    @Test
    @Order(4)
    void fails(Connection c) throws SQLException {
      recordDatabase(c);
      insertCustomerAndExpectOne(c);
      throw new AssertionError("planted");
    }

    @Test
    @Order(5)
    void pathIsRefused(Path file) {}
  }

  static void recordDatabase(Connection c) throws SQLException {
    assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
    record("pg-databases", single(c, "SELECT current_database()"));
  }

  static void insertCustomerAndExpectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO customer (id, name) VALUES (1, 'Ada')");
    }
    assertEquals("1", single(c, "SELECT count(*) FROM customer"));
  }

  @Test
  void eachTestGetsItsOwnDatabaseWhichIsDroppedAfterwardsAlsoWhenItFails() throws SQLException {
    var results = run(Isolation.class, false);

    assertEquals(3, results.testEvents().succeeded().count());
    List<String> failed =
        results.testEvents().failed().stream().map(ExtensionTest::failure).toList();
    assertEquals(2, failed.size(), failed::toString);
    assertTrue(failed.get(0).startsWith("fails(Connection): java.lang.AssertionError: planted"));
    assertTrue(
        failed.get(1).contains("A Path parameter is the SQLite database file"), failed::toString);
    List<Object> databases = seen("pg-databases");
    assertEquals(4, databases.size());
    assertEquals(4, new HashSet<>(databases).size(), "one database per test");
    Set<String> left = databasesOnServer();
    for (Object name : databases) {
      assertFalse(left.contains(name), () -> name + " is dropped: " + left);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = FixtureRegistry.class, dialect = Dialect.POSTGRESQL, populate = 4)
  static class MigrateToAndPopulate {
    @Test
    void populated(Connection c) throws SQLException {
      assertEquals("4", single(c, "SELECT count(*) FROM orders"));
    }

    @Test
    @StrataDatabase(registry = Shop.class, dialect = Dialect.POSTGRESQL, migrateTo = 1)
    void migratedToOne(Connection c, Strata strata) throws SQLException {
      assertEquals("1", single(c, "SELECT max(version) FROM strata_history"));
      assertEquals("0", single(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'"));
      assertEquals(
          2,
          strata.info().migrations().stream()
              .filter(m -> m.state() == MigrationState.PENDING)
              .count());
    }
  }

  @Test
  void migrateToAndPopulateWork() {
    assertAllPass(run(MigrateToAndPopulate.class, false), 2);
  }

  static final int REPEATED = 3;

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = SampleLike.class, dialect = Dialect.POSTGRESQL, template = true)
  static class Copied {
    @RepeatedTest(REPEATED)
    void test(Connection c) throws SQLException {
      assertEquals("8", single(c, "SELECT max(version) FROM strata_history"));
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = SampleLike.class, dialect = Dialect.POSTGRESQL, template = false)
  static class Migrated {
    @RepeatedTest(REPEATED)
    void test(Connection c) throws SQLException {
      assertEquals("8", single(c, "SELECT max(version) FROM strata_history"));
    }
  }

  /** Both ways give each repetition the chain at its head (speed is the bench's business). */
  @Test
  void copyingTheTemplateAndMigratingEachTestBothWork() {
    assertAllPass(run(Copied.class, false), REPEATED);
    assertAllPass(run(Migrated.class, false), REPEATED);
  }

  private static Set<String> databasesOnServer() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Connection c = DriverManager.getConnection(PostgresTestServer.get().url("postgres"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
