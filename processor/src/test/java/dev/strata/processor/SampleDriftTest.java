package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code [MigrationDrift]} on the real sample, the inventory app: its chain builds exactly its
 * entities, at the warning level its two Java migrations impose; without them (neither changes the
 * schema) the check runs at the error level, and an entity that moves ahead of the migrations fails
 * the build on the line that moved.
 */
class SampleDriftTest {
  private static final Path SAMPLE = Path.of("..", "samples", "src", "main", "java");
  private static final List<String> JAVA_MIGRATIONS =
      List.of("V4SeedReferenceData.java", "V7BackfillPartSearchName.java");

  @Test
  void theSampleBuildsExactlyItsEntities() {
    assertThat(Sources.compile(sample(true))).succeededWithoutWarnings();
  }

  @Test
  void withoutItsJavaMigrationsTheCheckIsAtTheErrorLevelAndPasses() {
    assertThat(Sources.compile(sample(false))).succeededWithoutWarnings();
  }

  @Test
  void anEntityAheadOfTheMigrationsIsAnErrorOnItsLine() {
    List<JavaFileObject> sources =
        sample(false).stream()
            .map(
                source ->
                    source.getName().endsWith("model/Part.java")
                        ? Sources.edited(
                            source,
                            "  String searchName;",
                            "  String searchName;\n\n  String supplierCode;")
                        : source)
            .toList();
    JavaFileObject part =
        sources.stream().filter(s -> s.getName().endsWith("model/Part.java")).findFirst().get();

    assertOnlyErrorAt(
        Sources.compile(sources),
        "[MigrationDrift] The schema that the migrations up to version 8"
            + " (dev.strata.sample.inventory.migrations.V8CreateStockSummaryView) build differs"
            + " from the entities: table part: column supplier_code: missing, expected TEXT. Hint:"
            + " add a migration after version 8 that adds column supplier_code to table part, or"
            + " change the entity",
        part,
        "String supplierCode;");
  }

  /**
   * The cost of the check: the sample compiled with {@code -Astrata.migrationDrift=off} and with
   * the default, alternately, after a warm-up; the medians and the fastest runs are printed.
   */
  @Test
  void theCheckCostsLittle() {
    List<JavaFileObject> sources = sample(true);
    assertThat(Sources.compile(sources)).succeeded(); // warms javac, the processor and SQLite
    int runs = 7;
    long[] without = new long[runs];
    long[] with = new long[runs];
    for (int i = 0; i < runs; i++) {
      without[i] = millis(() -> Sources.compile(sources, "-Astrata.migrationDrift=off"));
      with[i] = millis(() -> Sources.compile(sources));
    }
    long off = median(without);
    long on = median(with);
    System.out.printf(
        "sample compilation over %d runs: without the drift check median %d ms (fastest %d),"
            + " with it median %d ms (fastest %d)%n",
        runs,
        off,
        Arrays.stream(without).min().orElseThrow(),
        on,
        Arrays.stream(with).min().orElseThrow());
    assertTrue(on - off < 1_000, () -> "the drift check took " + (on - off) + " ms");
  }

  private static long millis(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The sample's main sources, with or without its Java migrations. */
  private static List<JavaFileObject> sample(boolean withJavaMigrations) {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> withJavaMigrations || !JAVA_MIGRATIONS.contains(f.getFileName().toString()))
          .sorted()
          .map(SampleDriftTest::source)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject source(Path file) {
    try {
      String name = SAMPLE.relativize(file).toString().replace('\\', '/');
      return JavaFileObjects.forSourceString(
          name.substring(0, name.length() - ".java".length()).replace('/', '.'),
          Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
