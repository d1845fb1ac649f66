package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.MigrationContext;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Registries past the class file's 65,535 constants compile and load: ten thousand migrations, and
 * migrations of thousands of statements each. Each prints how long javac took, processor included.
 */
class LargeRegistryTest {
  private static final int MIGRATIONS = Integer.getInteger("strata.largeRegistry.count", 2_000);
  private static final int PER_FILE = 100;

  @Test
  void tenThousandMigrationsCompileAndLoad() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int first = 1; first <= MIGRATIONS; first += PER_FILE) {
      sources.add(
          migrationFile(
              "Batch" + first,
              LongStream.range(first, Math.min(first + PER_FILE, MIGRATIONS + 1))
                  .mapToObj(v -> tableMigration(v, "t" + v))
                  .collect(Collectors.joining())));
    }

    Compilation c = timed(MIGRATIONS + " migrations", sources);

    assertThat(c).succeededWithoutWarnings();
    assertTrue(ExampleMigrations.registrySource(c).contains("private static final class Part1 "));
    MigrationRegistry registry = ExampleMigrations.registry(c);
    assertEquals(
        LongStream.rangeClosed(1, MIGRATIONS).boxed().toList(),
        registry.migrations().stream().map(MigrationDescriptor::version).toList());
    MigrationDescriptor last = registry.migrations().get(MIGRATIONS - 1);
    assertEquals(checksumAlone(tableMigration(MIGRATIONS, "t" + MIGRATIONS)), last.checksum());
    assertEquals(
        List.of("CREATE TABLE t" + MIGRATIONS + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
        upOf(last));
  }

  @Test
  void eightMigrationsOfFourThousandFiveHundredStatementsCompileAndLoad() {
    int statements = 4_500;
    StringBuilder body = new StringBuilder();
    for (int v = 1; v <= 8; v++) {
      body.append(
          """
          @dev.strata.annotation.Migration(version = %d, up = \"""
          %s\""")
          static final class V%d {}
          """
              .formatted(v, script(v, statements), v));
    }

    Compilation c =
        timed(
            "8 migrations of " + statements + " statements",
            List.of(migrationFile("Bulk", body.toString())));

    assertThat(c).succeededWithoutWarnings();
    MigrationRegistry registry = ExampleMigrations.registry(c);
    assertEquals(8, registry.migrations().size());
    MigrationDescriptor third = registry.migrations().get(2);
    assertEquals(upOf(third), statements(3, statements));
    assertEquals(
        new dev.strata.processor.migration.checksum.Checksums(null)
            .ofSql(statements(3, statements)),
        third.checksum());
  }

  /**
   * Queries numbered apart per migration, so that no two share a constant; short, because each
   * script is one annotation value, itself one constant of at most 65,535 bytes.
   */
  private static List<String> statements(int version, int count) {
    return IntStream.range(0, count).mapToObj(i -> "SELECT " + (version * 10_000 + i)).toList();
  }

  private static String script(int version, int count) {
    return statements(version, count).stream().map(s -> s + ";\n").collect(Collectors.joining());
  }

  private static String tableMigration(long version, String table) {
    return """
    @dev.strata.annotation.Migration(
        version = %d,
        up = "CREATE TABLE %s (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
        down = "DROP TABLE %s")
    static final class V%d {}
    """
        .formatted(version, table, table, version);
  }

  private static JavaFileObject migrationFile(String name, String nested) {
    return migrationSource(name, "final class " + name + " {\n" + nested + "}\n");
  }

  /** The checksum of {@code migration} compiled alone, into a registry of one. */
  private static String checksumAlone(String migration) {
    Compilation c = Sources.compile(List.of(migrationFile("Alone", migration)));
    assertThat(c).succeededWithoutWarnings();
    return ExampleMigrations.registry(c).migrations().get(0).checksum();
  }

  private static Compilation timed(String what, List<JavaFileObject> sources) {
    long start = System.nanoTime();
    Compilation c = Sources.compile(sources);
    System.out.printf(
        "LargeRegistryTest: %s compiled in %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    return c;
  }

  /** The statements {@code up} runs, one by one, as the engine would. */
  private static List<String> upOf(MigrationDescriptor descriptor) {
    List<String> ran = new ArrayList<>();
    MigrationContext recorder =
        new MigrationContext() {
          @Override
          public Connection connection() {
            throw new AssertionError("not used");
          }

          @Override
          public long version() {
            return descriptor.version();
          }

          @Override
          public String description() {
            return descriptor.description();
          }

          @Override
          public void execute(String sql) {
            ran.add(sql);
          }

          @Override
          public int update(String sql, Object... params) {
            throw new AssertionError("not used");
          }
        };
    try {
      ((SqlMigration) descriptor.factory().get()).up(recorder);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return ran;
  }
}
