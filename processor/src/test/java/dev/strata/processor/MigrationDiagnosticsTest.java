package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: its tag, on the right file and line, exactly once per bad class. */
class MigrationDiagnosticsTest {

  private static JavaFileObject sql(String name, long version, String up) {
    return migrationSource(
        name,
        """
        @dev.strata.annotation.Migration(
            version = %d,
            up = "%s")
        class %s {}
        """
            .formatted(version, up, name));
  }

  /** A reversible SQL migration, with 'up' and 'down' each on its own line. */
  private static JavaFileObject sql(String name, long version, String up, String down) {
    return migrationSource(
        name,
        """
        @dev.strata.annotation.Migration(
            version = %d,
            up = "%s",
            down = "%s")
        class %s {}
        """
            .formatted(version, up, down, name));
  }

  @Test
  void duplicateVersionIsReportedOnEveryClassThatUsesIt() {
    JavaFileObject first = sql("CreateParts", 7, "CREATE TABLE parts (id INTEGER)");
    JavaFileObject second = sql("CreateBins", 7, "CREATE TABLE bins (id INTEGER)");
    JavaFileObject fine = sql("CreateSites", 8, "CREATE TABLE sites (id INTEGER)");

    Compilation c = compile(first, second, fine);

    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
    assertErrorAt(
        c,
        "[DuplicateVersion] Migration version 7 is also declared by" + " com.example.db.CreateBins",
        first,
        "version = 7");
    assertErrorAt(
        c,
        "[DuplicateVersion] Migration version 7 is also declared by"
            + " com.example.db.CreateParts",
        second,
        "version = 7");
    assertThat(c).hadErrorContaining("Hint: give each migration its own version");
  }

  @Test
  void versionMustBePositive() {
    JavaFileObject zero = sql("CreateParts", 0, "CREATE TABLE parts (id INTEGER)");
    JavaFileObject negative = sql("CreateBins", -3, "CREATE TABLE bins (id INTEGER)");

    Compilation c = compile(zero, negative);

    assertThat(c).hadErrorCount(2);
    assertErrorAt(
        c, "[InvalidVersion] Migration version must be positive, but is 0", zero, "version = 0");
    assertErrorAt(
        c,
        "[InvalidVersion] Migration version must be positive, but is -3",
        negative,
        "version = -3");
  }

  @Nested
  class MigrationShape {
    private void assertShapeError(JavaFileObject file, String message, String line) {
      Compilation c = compile(file);
      assertOnlyErrorAt(c, "[MigrationShape]", file, line);
      assertErrorAt(c, message, file, line);
      assertThat(c).hadErrorContaining("Hint: a migration is either a public, concrete");
    }

    @Test
    void abstractJavaMigration() {
      assertShapeError(
          migrationSource(
              "Backfill",
              """
              @dev.strata.annotation.Migration(version = 1)
              public abstract class Backfill implements dev.strata.JavaMigration {}
              """),
          "com.example.db.Backfill is abstract",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void javaMigrationWithoutNoArgConstructor() {
      assertShapeError(
          migrationSource(
              "Backfill",
              """
              @dev.strata.annotation.Migration(version = 1)
              public class Backfill implements dev.strata.JavaMigration {
                public Backfill(String table) {}
                public void up(dev.strata.MigrationContext ctx) {}
              }
              """),
          "com.example.db.Backfill has no no-arg constructor for the registry to call",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void javaMigrationWithPrivateConstructor() {
      assertShapeError(
          migrationSource(
              "Backfill",
              """
              @dev.strata.annotation.Migration(version = 1)
              public class Backfill implements dev.strata.JavaMigration {
                private Backfill() {}
                public void up(dev.strata.MigrationContext ctx) {}
              }
              """),
          "com.example.db.Backfill has a no-arg constructor that is private, so the generated"
              + " registry cannot call new",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void javaMigrationThatIsPrivate() {
      assertShapeError(
          migrationSource(
              "Migrations",
              """
              public class Migrations {
                @dev.strata.annotation.Migration(version = 1)
                private static class Backfill implements dev.strata.JavaMigration {
                  public void up(dev.strata.MigrationContext ctx) {}
                }
              }
              """),
          "com.example.db.Migrations.Backfill is private, so the generated registry cannot call"
              + " new; make it package-private or public",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void javaMigrationInTheUnnamedPackage() {
      assertShapeError(
          Sources.source(
              "Backfill",
              """
              @dev.strata.annotation.Migration(version = 1)
              public class Backfill implements dev.strata.JavaMigration {
                public void up(dev.strata.MigrationContext ctx) {}
              }
              """),
          "Backfill must be in a named package",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void innerClass() {
      assertShapeError(
          migrationSource(
              "Migrations",
              """
              public class Migrations {
                @dev.strata.annotation.Migration(version = 1)
                public class Backfill implements dev.strata.JavaMigration {
                  public void up(dev.strata.MigrationContext ctx) {}
                }
              }
              """),
          "com.example.db.Migrations.Backfill is an inner class; declare it static",
          "@dev.strata.annotation.Migration");
    }

    @Test
    void neitherCodeNorSql() {
      assertShapeError(
          migrationSource(
              "AddIndex",
              """
              @dev.strata.annotation.Migration(
                  version = 1,
                  down = "DROP INDEX parts_name")
              class AddIndex {}
              """),
          "com.example.db.AddIndex neither implements JavaMigration nor declares 'up' SQL",
          "@dev.strata.annotation.Migration(");
    }

    @Test
    void bothCodeAndSqlIsReportedOnTheSql() {
      assertShapeError(
          migrationSource(
              "Backfill",
              """
              @dev.strata.annotation.Migration(
                  version = 1,
                  up = "UPDATE parts SET code = id")
              public class Backfill implements dev.strata.JavaMigration {
                public void up(dev.strata.MigrationContext ctx) {}
              }
              """),
          "com.example.db.Backfill implements JavaMigration and also declares SQL in 'up'",
          "up = ");
    }

    @Test
    void interfaceOrEnumIsNotAMigration() {
      assertShapeError(
          migrationSource(
              "Steps",
              """
              @dev.strata.annotation.Migration(version = 1, up = "CREATE TABLE t (id INTEGER)")
              interface Steps {}
              """),
          "@Migration belongs on a class, but com.example.db.Steps is an interface",
          "@dev.strata.annotation.Migration");
      assertShapeError(
          migrationSource(
              "Steps",
              """
              @dev.strata.annotation.Migration(version = 1, up = "CREATE TABLE t (id INTEGER)")
              enum Steps { ONE }
              """),
          "com.example.db.Steps is an enum",
          "@dev.strata.annotation.Migration");
    }
  }

  @Test
  void blankUpIsEmpty() {
    JavaFileObject blank = sql("AddNothing", 1, "   ");

    assertOnlyErrorAt(
        compile(blank),
        "[EmptyMigration] Migration 1 has no statements: 'up' is blank",
        blank,
        "up = ");
  }

  @Test
  void commentsAndSemicolonsAreEmpty() {
    JavaFileObject comments = sql("AddNothing", 1, "-- to do\\n ; /* later */ ;");

    assertOnlyErrorAt(
        compile(comments),
        "[EmptyMigration] Migration 1 has no statements: 'up' holds only comments",
        comments,
        "up = ");
  }

  @Test
  void packageOptionMustBeAPackageName() {
    Compilation c =
        compile(
            List.of(ExampleMigrations.CREATE_CATEGORIES),
            "-A" + ProcessorOptions.PACKAGE_OPTION + "=not valid");

    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[InvalidOption] -Astrata.package='not valid' is not a Java package name. Hint:");
  }

  @Nested
  class InvalidSql {
    @Test
    void syntaxErrorCarriesSqliteMessageAndStatement() {
      JavaFileObject bad =
          sql("CreateParts", 1, "CREATE TABLE parts (id INTEGER); CREATE TABEL bins (id INTEGER)");

      assertOnlyErrorAt(
          compile(bad),
          "[InvalidSql] SQLite rejects"
              + " \"CREATE TABEL bins (id INTEGER)\""
              + " (statement 2 of 'up', tried after every earlier SQL migration):"
              + " near \"TABEL\": syntax error."
              + " Hint: fix the statement; Strata tried it on an in-memory SQLite at compile time",
          bad,
          "up = ");
    }

    @Test
    void theShownStatementLeavesOutComments() {
      JavaFileObject bad =
          sql(
              "CreateBins",
              1,
              "CREATE TABEL bins ( -- one row per bin\\n  id INTEGER /* rowid */ PRIMARY KEY)");

      assertErrorAt(
          compile(bad),
          "[InvalidSql] SQLite rejects"
              + " \"CREATE TABEL bins ( id INTEGER PRIMARY KEY)\" (statement 1 of 'up'",
          bad,
          "up = ");
    }

    @Test
    void laterMigrationsSeeTheTablesOfEarlierOnes() {
      JavaFileObject first = sql("CreateParts", 1, "CREATE TABLE parts (id INTEGER, name TEXT)");
      JavaFileObject second = sql("IndexParts", 2, "CREATE INDEX parts_name ON parts (name)");
      JavaFileObject third = sql("IndexBins", 3, "CREATE INDEX bins_name ON bins (name)");

      assertOnlyErrorAt(
          compile(third, second, first),
          "[InvalidSql] SQLite rejects \"CREATE INDEX bins_name ON"
              + " bins (name)\" (statement 1 of 'up', tried after every earlier SQL migration):"
              + " no such table: main.bins",
          third,
          "up = ");
    }

    @Test
    void downIsCheckedAgainstTheSchemaAfterUp() {
      JavaFileObject bad =
          sql("CreateParts", 1, "CREATE TABLE parts (id INTEGER PRIMARY KEY)", "DROP TABLE part");
      JavaFileObject next =
          sql("CreateBins", 2, "CREATE TABLE bins (part_id INTEGER REFERENCES parts)");

      assertOnlyErrorAt(
          compile(bad, next),
          "[InvalidSql] SQLite rejects \"DROP TABLE part\""
              + " (statement 1 of 'down', tried after 'up'): no such table: part",
          bad,
          "down = ");
    }

    @Test
    void downIsRolledBackBeforeTheNextMigration() {
      JavaFileObject first =
          sql("CreateParts", 1, "CREATE TABLE parts (id INTEGER)", "DROP TABLE parts");
      JavaFileObject second = sql("IndexParts", 2, "CREATE INDEX parts_id ON parts (id)");

      assertThat(compile(first, second)).succeededWithoutWarnings();
    }

    @Test
    void aMigrationLeftOutForAnotherErrorHidesOnlyLaterSchemaErrors() {
      JavaFileObject before = sql("IndexBins", 1, "CREATE INDEX bins_id ON bins (id)");
      JavaFileObject leftOut = sql("CreateBins", 2, "   ");
      JavaFileObject after = sql("IndexCrates", 3, "CREATE INDEX crates_id ON crates (id)");

      Compilation c = compile(before, leftOut, after);

      assertThat(c).hadErrorCount(2);
      assertErrorAt(c, "[InvalidSql]", before, "up = ");
      assertErrorAt(c, "[EmptyMigration]", leftOut, "up = ");
    }

    @Test
    void triggersAndQuotedSemicolonsAreAccepted() {
      JavaFileObject audited =
          migrationSource(
              "AuditParts",
              """
              @dev.strata.annotation.Migration(
                  version = 1,
                  up = \"""
                      CREATE TABLE parts (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'a;b');
                      CREATE TABLE audit (part_id INTEGER, note TEXT);
                      CREATE TRIGGER parts_audit AFTER INSERT ON parts BEGIN
                        INSERT INTO audit VALUES (new.id, 'added; ' || new.name);
                      END;
                      \""",
                  down = "DROP TRIGGER parts_audit; DROP TABLE audit; DROP TABLE parts")
              class AuditParts {}
              """);
      JavaFileObject next = sql("UseAudit", 2, "INSERT INTO parts (name) VALUES ('bolt')");

      assertThat(compile(audited, next)).succeededWithoutWarnings();
    }

    @Test
    void slowOrDataDependentStatementsAreLeftToTheRuntime() {
      JavaFileObject seed =
          migrationSource(
              "SeedNumbers",
              """
              @dev.strata.annotation.Migration(
                  version = 1,
                  up = \"""
                      CREATE TABLE numbers (n INTEGER PRIMARY KEY);
                      INSERT INTO numbers
                        WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c)
                        SELECT i FROM c LIMIT 1000000000;
                      INSERT INTO numbers VALUES (1);
                      \""")
              class SeedNumbers {}
              """);
      JavaFileObject attach =
          sql(
              "AttachArchive",
              2,
              "ATTACH DATABASE 'archive.db' AS archive;"
                  + " INSERT INTO numbers SELECT n FROM archive.numbers");

      long start = System.nanoTime();
      Compilation c = compile(seed, attach);

      assertThat(c).succeededWithoutWarnings();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(seconds < 30, "took " + seconds + " s");
      assertFalse(Files.exists(Path.of("archive.db")), "the check created a file");
    }

    @Test
    void transactionControlIsRefusedInATransactionalMigration() {
      for (String statement :
          List.of(
              "BEGIN",
              "COMMIT",
              "END TRANSACTION",
              "ROLLBACK",
              "VACUUM",
              "PRAGMA foreign_keys = OFF",
              "PRAGMA main.journal_mode = DELETE")) {
        JavaFileObject bad =
            sql("Rebuild", 1, "CREATE TABLE parts (id INTEGER); " + statement, "DROP TABLE parts");

        Compilation c = compile(bad);

        assertOnlyErrorAt(
            c,
            "[InvalidSql] SQLite rejects \""
                + statement
                + "\" (statement 2 of 'up', tried after every earlier SQL migration)",
            bad,
            "up = ");
        assertThat(c).hadErrorContaining("transactional = false");
      }
    }

    @Test
    void downIsCheckedForTransactionControlToo() {
      JavaFileObject bad =
          sql("CreateParts", 1, "CREATE TABLE parts (id INTEGER)", "DROP TABLE parts; VACUUM");

      assertOnlyErrorAt(compile(bad), "SQLite cannot VACUUM inside a transaction", bad, "down = ");
    }

    @Test
    void savepointsNestInsideTheStepAndNonTransactionalMigrationsMayControlTransactions() {
      JavaFileObject savepoints =
          sql(
              "Savepoints",
              1,
              "SAVEPOINT s; CREATE TABLE parts (id"
                  + " INTEGER); ROLLBACK TO s; ROLLBACK TRANSACTION TO SAVEPOINT s; RELEASE s;"
                  + " PRAGMA foreign_key_check; CREATE TABLE bins (id INTEGER)");
      JavaFileObject outside =
          migrationSource(
              "Compact",
              """
              @dev.strata.annotation.Migration(
                  version = 2,
                  transactional = false,
                  up = "PRAGMA journal_mode = WAL; BEGIN; DELETE FROM bins; COMMIT; VACUUM")
              class Compact {}
              """);

      assertThat(compile(savepoints, outside)).succeededWithoutWarnings();
    }

    @Test
    void afterAJavaMigrationOnlySchemaIndependentErrorsAreReported() {
      JavaFileObject java =
          migrationSource(
              "CreateBins",
              """
              @dev.strata.annotation.Migration(version = 1)
              public class CreateBins implements dev.strata.JavaMigration {
                public void up(dev.strata.MigrationContext ctx) throws Exception {
                  ctx.execute("CREATE TABLE bins (id INTEGER)");
                }
              }
              """);
      JavaFileObject usesJavaTable = sql("IndexBins", 2, "CREATE INDEX bins_id ON bins (id)");
      JavaFileObject syntax = sql("DropBins", 3, "DROP TABLES bins");

      assertOnlyErrorAt(
          compile(java, usesJavaTable, syntax),
          "[InvalidSql] SQLite rejects \"DROP TABLES bins\"",
          syntax,
          "up = ");
    }
  }
}
