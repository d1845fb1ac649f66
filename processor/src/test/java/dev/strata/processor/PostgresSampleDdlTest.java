package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.strata.schema.PostgresInspector;
import dev.strata.schema.SchemaDiff;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inventory sample's entities, compiled from the sample's own sources for both dialects (its
 * two triggers have a PostgreSQL text each); and what targeting SQLite alone still gives.
 */
class PostgresSampleDdlTest {
  private static final Path MODEL =
      Path.of(
          "..", "samples", "src", "main", "java", "dev", "strata", "sample", "inventory", "model");
  private static final String PACKAGE = "dev.strata.sample.inventory.model";

  /** A PostgreSQL-only {@code @Trigger} of the sample, as its sources write one. */
  private static final Pattern POSTGRES_TRIGGER =
      Pattern.compile(
          "@Trigger\\(\\s*name = \"\\w+\",\\s*dialects = Dialect\\.POSTGRESQL,"
              + "\\s*sql = InventorySql\\.\\w+\\)\\n");

  private static Compilation both;

  /**
   * The sample's model sources; without {@code postgres}, its triggers' PostgreSQL texts left out.
   */
  static List<JavaFileObject> sample(boolean postgres) throws IOException {
    List<JavaFileObject> files = new ArrayList<>();
    try (var paths = Files.list(MODEL)) {
      for (Path path : paths.sorted().toList()) {
        String name = path.getFileName().toString().replace(".java", "");
        String text = Files.readString(path);
        if (!postgres) {
          text = POSTGRES_TRIGGER.matcher(text).replaceAll("");
        }
        files.add(JavaFileObjects.forSourceString(PACKAGE + "." + name, text));
      }
    }
    return files;
  }

  @BeforeAll
  static void compile() throws IOException {
    both = Sources.compile(sample(true), PostgresDdlTest.TARGET_BOTH);
  }

  @Test
  void ddlMatchesGolden() {
    assertThat(both).succeededWithoutWarnings();
    Golden.assertMatches(
        "postgres/sample.postgresql.sql",
        Sources.resource(both, "META-INF/strata/schema.postgresql.sql"));
  }

  @Test
  void runsOnPostgresWithoutDrift() throws SQLException {
    SchemaDefinition schema = PostgresDdlTest.schema(both, PACKAGE + ".StrataSchema");
    try (Connection connection = PostgresServer.freshSchema()) {
      schema.create(connection);
      SchemaDiff diff =
          SchemaDiff.compare(
              PostgresInspector.inspect(connection, schema.statements(Dialect.POSTGRESQL)),
              PostgresInspector.inspect(connection, Set.of()));
      assertTrue(diff.items().isEmpty(), diff::render);
    }
  }

  /**
   * Targeting SQLite alone writes no PostgreSQL file, and every file it writes is the same with
   * PostgreSQL's trigger texts present or not, and the same as targeting both (but StrataSchema).
   */
  @Test
  void sqliteAloneChangesNothing() throws IOException {
    Compilation plain = Sources.compile(sample(false));
    assertThat(plain).succeededWithoutWarnings();
    assertTrue(
        plain
            .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/strata/schema.postgresql.sql")
            .isEmpty());
    assertFalse(Sources.generatedSource(plain, PACKAGE + ".StrataSchema").contains("Dialect"));
    Map<String, String> withPgTexts = outputs(Sources.compile(sample(true)));
    Map<String, String> sqliteOnly = outputs(plain);
    assertEquals(sqliteOnly, withPgTexts);
    Map<String, String> ofBoth = outputs(both);
    ofBoth
        .keySet()
        .removeIf(k -> k.endsWith("schema.postgresql.sql") || k.endsWith("StrataSchema.java"));
    sqliteOnly.keySet().removeIf(k -> k.endsWith("StrataSchema.java"));
    assertEquals(sqliteOnly, ofBoth);
  }

  @Test
  void outputIsDeterministicWithBothDialects() throws IOException {
    List<JavaFileObject> reversed = new ArrayList<>(sample(true));
    Collections.reverse(reversed);
    List<JavaFileObject> rich = new ArrayList<>(PostgresDdlTest.inputs());
    List<JavaFileObject> richReversed = new ArrayList<>(rich);
    Collections.reverse(richReversed);
    assertEquals(outputs(both), outputs(Sources.compile(reversed, PostgresDdlTest.TARGET_BOTH)));
    assertEquals(
        outputs(Sources.compile(rich, PostgresDdlTest.TARGET_BOTH)),
        outputs(Sources.compile(richReversed, PostgresDdlTest.TARGET_BOTH)));
  }

  /** Every generated source and resource (not class files), by name. */
  private static Map<String, String> outputs(Compilation compilation) {
    assertThat(compilation).succeeded();
    Map<String, String> outputs = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        outputs.put(file.toUri().toString(), Sources.text(file));
      }
    }
    return outputs;
  }
}
