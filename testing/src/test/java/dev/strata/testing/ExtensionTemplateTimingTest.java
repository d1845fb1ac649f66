package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.testing.ExtensionRegistries.OnlyInTestKit;
import dev.strata.testing.ExtensionRegistries.SampleLike;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Times the two ways of giving each test its database, on a chain shaped like the sample's: one
 * template migrated per configuration and copied per test, or a migration per test.
 */
class ExtensionTemplateTimingTest {
  static final int TESTS = 40;

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = SampleLike.class, template = true)
  static class Copied {
    @RepeatedTest(TESTS)
    void test(Connection c) throws SQLException {
      check(c);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @StrataDatabase(registry = SampleLike.class, template = false)
  static class Migrated {
    @RepeatedTest(TESTS)
    void test(Connection c) throws SQLException {
      check(c);
    }
  }

  static void check(Connection c) throws SQLException {
    assertEquals("8", ExtensionTest.single(c, "SELECT max(version) FROM strata_history"));
    assertEquals("MAIN", ExtensionTest.single(c, "SELECT code FROM location"));
  }

  @Test
  void copyingATemplateAndMigratingEachTestBothWork() {
    // Warm up both paths (class loading, JIT), then time a second run of each.
    ExtensionTest.assertAllPass(ExtensionTest.run(Copied.class, false), TESTS);
    ExtensionTest.assertAllPass(ExtensionTest.run(Migrated.class, false), TESTS);
    long copied = time(Copied.class);
    long migrated = time(Migrated.class);
    System.out.printf(
        "StrataExtension, %d tests on an 8-step chain: template copied %d ms (%.1f ms/test),"
            + " migrated per test %d ms (%.1f ms/test)%n",
        TESTS, copied, copied / (double) TESTS, migrated, migrated / (double) TESTS);
  }

  private static long time(Class<?> fixture) {
    long start = System.nanoTime();
    ExtensionTest.assertAllPass(ExtensionTest.run(fixture, false), TESTS);
    return (System.nanoTime() - start) / 1_000_000;
  }
}
