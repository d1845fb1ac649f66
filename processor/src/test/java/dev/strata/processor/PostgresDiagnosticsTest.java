package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.PostgresDdlTest.TARGET_BOTH;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the entities cannot say on PostgreSQL, reported where it is written, only when targeted. */
class PostgresDiagnosticsTest {

  private static JavaFileObject entity(String body) {
    return Sources.source(
        "app.Log", "import dev.strata.annotation.*;\nimport dev.strata.sql.Dialect;\n\n" + body);
  }

  private static Compilation both(JavaFileObject file) {
    return Sources.compile(List.of(file), TARGET_BOTH);
  }

  @Test
  void typeWithoutPostgresMappingNamesPostgres() {
    JavaFileObject log =
        entity(
            """
            @Entity
            public class Log {
              @Id long id;
              @Column(sqlType = "TEXT") char grade;
            }
            """);
    assertOnlyErrorAt(
        both(log),
        "[UnsupportedType] Strata cannot map Java type char of column 'grade' to a PostgreSQL"
            + " type: the plain sqlType is SQLite's",
        log,
        "char grade");
    assertThat(Sources.compile(log)).succeededWithoutWarnings();
  }

  @Test
  void postgresSqlTypeSettlesIt() {
    JavaFileObject log =
        entity(
            """
            @Entity
            public class Log {
              @Id long id;
              @Column(sqlType = "TEXT")
              @Column.Sql(dialect = Dialect.POSTGRESQL, sqlType = "char(1)")
              char grade;
            }
            """);
    assertThat(both(log)).succeededWithoutWarnings();
  }

  @Test
  void rtrimHasNoPostgresCounterpart() {
    JavaFileObject log =
        entity(
            """
            @Entity
            public class Log {
              @Id long id;
              @Column(collate = "RTRIM") String note;
            }
            """);
    assertOnlyErrorAt(
        both(log),
        "[UnsupportedType] Collation RTRIM of column 'note' has no counterpart in PostgreSQL",
        log,
        "RTRIM");
  }

  @Test
  void triggerWithoutPostgresText() {
    JavaFileObject log =
        entity(
            """
            @Entity
            @Trigger(sql = "CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN SELECT 1; END")
            public class Log {
              @Id long id;
            }
            """);
    assertOnlyErrorAt(
        both(log),
        "[MissingDialectText] Trigger 'log_ins' of app.Log has no text for PostgreSQL, which this"
            + " project targets (-Astrata.dialects=sqlite,postgresql). Hint: add"
            + " @Trigger(name = \"log_ins\", dialects = POSTGRESQL",
        log,
        "@Trigger(sql");
    assertThat(Sources.compile(log)).succeededWithoutWarnings();
  }

  @Test
  void twoTriggerTextsForOneDialect() {
    JavaFileObject log =
        entity(
            """
            @Entity
            @Trigger(sql = "CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN SELECT 1; END")
            @Trigger(name = "log_ins", dialects = Dialect.POSTGRESQL,
                sql = "CREATE TRIGGER log_ins AFTER INSERT ON log FOR EACH ROW EXECUTE FUNCTION f()"
            )
            @Trigger(name = "log_ins", dialects = {Dialect.POSTGRESQL},
                sql = "CREATE TRIGGER log_ins AFTER UPDATE ON log FOR EACH ROW EXECUTE FUNCTION f()"
            )
            public class Log {
              @Id long id;
            }
            """);
    assertOnlyErrorAt(
        both(log),
        "[DuplicateDialectText] Trigger 'log_ins' of app.Log has two texts for PostgreSQL",
        log,
        "dialects = {Dialect.POSTGRESQL}");
  }

  @Test
  void postgresTriggerTextMustCreateATrigger() {
    JavaFileObject log =
        entity(
            """
            @Entity
            @Trigger(sql = "CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN SELECT 1; END")
            @Trigger(name = "log_ins", dialects = Dialect.POSTGRESQL, sql = "SELECT 1")
            public class Log {
              @Id long id;
            }
            """);
    assertThat(both(log))
        .hadErrorContaining("[TriggerShape]")
        .inFile(log)
        .onLineContaining("SELECT 1\")");
  }

  @Test
  void columnSqlTwiceForOneDialect() {
    JavaFileObject log =
        entity(
            """
            @Entity
            public class Log {
              @Id long id;
              @Column.Sql(dialect = Dialect.POSTGRESQL, sqlType = "text")
              @Column.Sql(dialect = Dialect.POSTGRESQL, sqlType = "varchar(9)")
              String note;
            }
            """);
    assertOnlyErrorAt(
        both(log),
        "[DuplicateDialectText] column 'note' has two texts for PostgreSQL",
        log,
        // javac's trees place an entry of a field's container on the field
        "String note");
  }

  @Test
  void columnSqlForSqliteDuplicatesThePlainColumn() {
    JavaFileObject log =
        entity(
            """
            @Entity
            public class Log {
              @Id long id;
              @Column.Sql(dialect = Dialect.SQLITE, sqlType = "TEXT") String note;
            }
            """);
    assertOnlyErrorAt(
        Sources.compile(log),
        "[DuplicateDialectText] column 'note' has two texts for SQLite",
        log,
        "Dialect.SQLITE");
  }

  @Test
  void viewSqlTwiceForOneDialect() {
    JavaFileObject log =
        Sources.source(
            "app.Recent",
            """
            import dev.strata.annotation.*;
            import dev.strata.sql.Dialect;

            @View(sql = "SELECT 1 AS one")
            @View.Sql(dialect = Dialect.POSTGRESQL, sql = "SELECT 1 AS one")
            @View.Sql(dialect = Dialect.POSTGRESQL, sql = "SELECT 2 AS one")
            public class Recent {}
            """);
    assertOnlyErrorAt(
        both(log),
        "[DuplicateDialectText] view 'recent' has two texts for PostgreSQL",
        log,
        "SELECT 2");
  }
}
