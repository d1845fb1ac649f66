package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @RepeatableMigration}: the registry it gives, and one test per problem it can have. */
class RepeatableProcessingTest {
  private static final JavaFileObject CREATE_LOG =
      migrationSource(
          "V1CreateLog",
          """
          @dev.strata.annotation.Migration(
              version = 1,
              up = "CREATE TABLE log (what TEXT NOT NULL)")
          class V1CreateLog {}
          """);

  /** A repeatable named {@code name}, with 'up' on a line of its own. */
  private static JavaFileObject repeatable(String name, String description, String up) {
    return migrationSource(
        name,
        """
        @dev.strata.annotation.RepeatableMigration(
            description = "%s",
            up = "%s")
        class %s {}
        """
            .formatted(description, up, name));
  }

  private static MigrationRegistry registry(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    return ExampleMigrations.registry(compilation);
  }

  @Test
  void registryListsThemByDescriptionWithTheSqlChecksum() {
    Compilation c = Sources.compile(ExampleMigrations.all());
    List<RepeatableDescriptor> repeatables = registry(c).repeatables();

    // By description, not by class name (ZCategoryNames sorts last by name, first here).
    assertEquals(
        List.of("Category names", "Part list view"),
        repeatables.stream().map(RepeatableDescriptor::description).toList());
    assertEquals("com.example.db.ZCategoryNames", repeatables.get(0).source());
    assertEquals(2, repeatables.get(1).up().size());
    assertEquals("DROP VIEW IF EXISTS part_list", repeatables.get(1).up().get(0));
    assertEquals(4, registry(c).migrations().size());

    // The same SQL in a versioned migration has the same checksum: one rule for both.
    String sql = "INSERT INTO log (what) VALUES (1)";
    Compilation versioned =
        compile(
            CREATE_LOG,
            migrationSource(
                "V2Insert",
                "@dev.strata.annotation.Migration(version = 2, up = \"%s\") class V2Insert {}"
                    .formatted(sql)),
            repeatable("RInsert", "insert", "-- a comment\\n" + sql));
    assertEquals(
        registry(versioned).migrations().get(1).checksum(),
        registry(versioned).repeatables().get(0).checksum());
  }

  @Test
  void aRegistryOfRepeatablesOnlyIsGenerated() {
    Compilation c =
        compile(repeatable("RSettings", "settings", "CREATE TABLE IF NOT EXISTS s (k)"));

    MigrationRegistry registry = registry(c);
    assertEquals(List.of(), registry.migrations());
    assertEquals("settings", registry.repeatables().get(0).description());
  }

  @Test
  void registryWithoutRepeatablesHasNoRepeatablesMethod() {
    Compilation c = compile(CREATE_LOG);

    assertFalse(ExampleMigrations.registrySource(c).contains("repeatables"));
    assertEquals(List.of(), registry(c).repeatables());
  }

  @Nested
  class Diagnostics {
    @Test
    void duplicateDescriptionIsReportedOnEach() {
      JavaFileObject first = repeatable("RViewA", "stock view", "SELECT 1");
      JavaFileObject second = repeatable("RViewB", " stock view ", "SELECT 2");

      Compilation c = compile(first, second);

      assertThat(c).hadErrorCount(2);
      assertErrorAt(
          c,
          "[DuplicateRepeatable] Repeatable migration 'stock view' is also declared by"
              + " com.example.db.RViewB",
          first,
          "description = ");
      assertErrorAt(c, "com.example.db.RViewA", second, "description = ");
    }

    @Test
    void emptyUpIsEmpty() {
      JavaFileObject empty = repeatable("RNothing", "nothing", "-- later\\n;");

      assertOnlyErrorAt(
          compile(empty),
          "[EmptyMigration] Migration 'nothing' (repeatable) has no statements: 'up' holds only"
              + " comments and semicolons",
          empty,
          "up = ");
    }

    @Test
    void blankDescriptionIsAShapeProblem() {
      JavaFileObject blank = repeatable("RBlank", "  ", "SELECT 1");

      assertOnlyErrorAt(
          compile(blank),
          "[RepeatableShape] com.example.db.RBlank has a blank description",
          blank,
          "description = ");
    }

    @Test
    void aClassWithCodeIsAShapeProblem() {
      JavaFileObject withCode =
          migrationSource(
              "RWithCode",
              """
              @dev.strata.annotation.RepeatableMigration(description = "code", up = "SELECT 1")
              class RWithCode {
                void refresh() {}
              }
              """);

      assertOnlyErrorAt(
          compile(withCode),
          "[RepeatableShape] com.example.db.RWithCode declares method refresh(), which would"
              + " never run",
          withCode,
          "@dev.strata.annotation.RepeatableMigration");
    }

    @Test
    void aJavaMigrationIsAShapeProblem() {
      JavaFileObject java =
          migrationSource(
              "RJava",
              """
              @dev.strata.annotation.RepeatableMigration(description = "java", up = "SELECT 1")
              public class RJava implements dev.strata.JavaMigration {
                @Override
                public void up(dev.strata.MigrationContext ctx) {}
              }
              """);

      assertOnlyErrorAt(
          compile(java),
          "[RepeatableShape] com.example.db.RJava implements JavaMigration, but repeatable"
              + " migrations are SQL only",
          java,
          "@dev.strata.annotation.RepeatableMigration");
    }

    @Test
    void alsoBeingAVersionedMigrationIsAShapeProblem() {
      JavaFileObject both =
          migrationSource(
              "RBoth",
              """
              @dev.strata.annotation.Migration(version = 1, up = "CREATE TABLE t (id INTEGER)")
              @dev.strata.annotation.RepeatableMigration(description = "both", up = "SELECT 1")
              class RBoth {}
              """);

      assertOnlyErrorAt(
          compile(both),
          "[RepeatableShape] com.example.db.RBoth carries both @Migration and"
              + " @RepeatableMigration",
          both,
          "@dev.strata.annotation.RepeatableMigration");
    }

    @Test
    void anInterfaceIsAShapeProblem() {
      JavaFileObject onInterface =
          migrationSource(
              "RInterface",
              """
              @dev.strata.annotation.RepeatableMigration(description = "i", up = "SELECT 1")
              interface RInterface {}
              """);

      assertOnlyErrorAt(
          compile(onInterface),
          "[RepeatableShape] @RepeatableMigration belongs on a class, but"
              + " com.example.db.RInterface is an interface",
          onInterface,
          "@dev.strata.annotation.RepeatableMigration");
    }
  }

  @Nested
  class Replay {
    @Test
    void runsAfterEveryVersionedMigration() {
      // V1 sorts after the repeatable by name, yet creates the table that the repeatable uses.
      Compilation c =
          compile(
              repeatable("AFillLog", "fill log", "INSERT INTO log (what) VALUES ('x')"),
              CREATE_LOG);

      assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void invalidSqlIsAnErrorOnItsUp() {
      JavaFileObject bad = repeatable("RBad", "bad", "CREATE VIEW v AS SELEC 1");

      assertOnlyErrorAt(
          compile(CREATE_LOG, bad),
          "[InvalidSql] SQLite rejects \"CREATE VIEW v AS SELEC 1\" (statement 1 of 'up', tried"
              + " after every SQL migration and earlier repeatable): near \"SELEC\": syntax error",
          bad,
          "up = ");
    }

    @Test
    void anUnknownTableIsAnError() {
      JavaFileObject bad = repeatable("RBad", "bad", "INSERT INTO nowhere VALUES (1)");

      assertOnlyErrorAt(compile(CREATE_LOG, bad), "no such table: nowhere", bad, "up = ");
    }

    @Test
    void laterRepeatablesSeeEarlierOnes() {
      Compilation c =
          compile(
              CREATE_LOG,
              repeatable("RFirst", "a view", "CREATE VIEW IF NOT EXISTS a AS SELECT * FROM log"),
              repeatable("RSecond", "b view", "CREATE VIEW IF NOT EXISTS b AS SELECT * FROM a"));

      assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void aRepeatableThatCannotRunTwiceIsAnError() {
      JavaFileObject once = repeatable("ROnce", "log view", "CREATE VIEW log_view AS SELECT 1");

      assertOnlyErrorAt(
          compile(CREATE_LOG, once),
          "(statement 1 of 'up', tried again after every repeatable ran once; a repeatable runs"
              + " again whenever its text changes, so write it to run twice, e.g. DROP VIEW IF"
              + " EXISTS before CREATE VIEW): view log_view already exists",
          once,
          "up = ");
    }

    @Test
    void endingTheTransactionIsAnError() {
      JavaFileObject commits =
          repeatable("RCommits", "commits", "INSERT INTO log VALUES ('x'); COMMIT");

      assertOnlyErrorAt(
          compile(CREATE_LOG, commits),
          "a repeatable migration always runs inside one",
          commits,
          "up = ");
    }
  }
}
