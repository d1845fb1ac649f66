package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.util.List;
import java.util.stream.LongStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Hundreds of migrations compile: descriptor construction is spread over chunked methods. */
class ScaleTest {
  private static final int COUNT = 450;

  @Test
  void hundredsOfMigrationsCompileIntoChunkedMethods() {
    List<JavaFileObject> sources =
        LongStream.rangeClosed(1, COUNT)
            .mapToObj(
                v ->
                    migrationSource(
                        "V" + v + "_CreateTable" + v,
                        """
                        @dev.strata.annotation.Migration(
                            version = %d,
                            up = "CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL \
                        DEFAULT 'x')",
                            down = "DROP TABLE t%d")
                        class V%d_CreateTable%d {}
                        """
                            .formatted(v, v, v, v, v)))
            .toList();

    Compilation c = Sources.compile(sources);

    assertThat(c).succeededWithoutWarnings();
    String generated = ExampleMigrations.registrySource(c);
    assertEquals(5, generated.lines().filter(l -> l.contains("private static void chunk")).count());
    MigrationRegistry registry = ExampleMigrations.registry(c);
    assertEquals(
        LongStream.rangeClosed(1, COUNT).boxed().toList(),
        registry.migrations().stream().map(MigrationDescriptor::version).toList());
  }
}
