package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.Sources.annotated;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code [MigrationDrift]}: the schema the SQL migrations build against the entities', in the
 * run-time rendering, on the declaration that differs.
 */
class MigrationDriftTest {
  /** A SQL migration in {@code app}, its 'up' on its own line. */
  static JavaFileObject sql(String name, long version, String attributes, String up) {
    return annotated(
        "app." + name,
        """
        @Migration(
            version = %d,%s
            up = "%s")
        class %s {}
        """
            .formatted(version, attributes.isEmpty() ? "" : "\n    " + attributes, up, name));
  }

  static JavaFileObject sql(String name, long version, String up) {
    return sql(name, version, "", up);
  }

  /** A Java migration in {@code app} that the replay cannot see. */
  static JavaFileObject java(String name, long version) {
    return annotated(
        "app." + name,
        """
        @Migration(version = %d)
        public class %s implements dev.strata.JavaMigration {
          public void up(dev.strata.MigrationContext ctx) throws Exception {
            ctx.execute("ALTER TABLE part ADD COLUMN sku TEXT");
          }
        }
        """
            .formatted(version, name));
  }

  /** {@code app.Part}: one line per annotation or field, so that each has its own line. */
  private static JavaFileObject part(String annotations, String... fields) {
    StringBuilder body = new StringBuilder("@Entity\n").append(annotations);
    body.append("public class Part {\n  @Id long id;\n");
    for (String field : fields) {
      body.append("  ").append(field).append('\n');
    }
    return annotated("app.Part", body.append("}\n").toString());
  }

  private static final String CREATE_PART =
      "CREATE TABLE part (id INTEGER NOT NULL PRIMARY KEY, name TEXT)";

  private static final JavaFileObject PART_NAME = part("", "String name;");

  @Nested
  class ErrorsOnTheDeclarationThatDiffers {
    @Test
    void missingColumnIsOnItsField() {
      JavaFileObject entity = part("", "String name;", "String sku;");
      Compilation c = compile(entity, sql("V1CreatePart", 1, CREATE_PART));

      assertOnlyErrorAt(
          c,
          "[MigrationDrift] The schema that the migrations up to version 1 (app.V1CreatePart)"
              + " build differs from the entities: table part: column sku: missing, expected TEXT."
              + " Hint: add a migration after version 1 that adds column sku to table part, or"
              + " change the entity",
          entity,
          "String sku;");
    }

    @Test
    void wrongTypeIsOnTheField() {
      JavaFileObject entity = part("", "String name;", "int qty;");
      Compilation c =
          compile(
              entity,
              sql(
                  "V1CreatePart",
                  1,
                  "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT, qty TEXT NOT NULL)"));

      assertOnlyErrorAt(
          c, "table part: column qty: type INTEGER expected, TEXT found", entity, "int qty;");
    }

    @Test
    void wrongSqlTypeIsOnTheAttribute() {
      JavaFileObject entity = part("", "String name;", "@Column(sqlType = \"NUMERIC\") int qty;");
      Compilation c =
          compile(
              entity,
              sql(
                  "V1CreatePart",
                  1,
                  "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT, qty REAL NOT NULL)"));

      assertOnlyErrorAt(
          c, "column qty: type NUMERIC expected, REAL found", entity, "sqlType = \"NUMERIC\"");
    }

    @Test
    void missingIndexIsOnItsAnnotation() {
      JavaFileObject entity = part("@Index(columns = \"name\")\n", "String name;");
      Compilation c = compile(entity, sql("V1CreatePart", 1, CREATE_PART));

      assertOnlyErrorAt(
          c,
          "table part: index ix_part_name: missing, expected (name). Hint: add a migration after"
              + " version 1 that creates index ix_part_name on part",
          entity,
          "@Index");
    }

    @Test
    void missingTriggerIsOnItsAnnotation() {
      JavaFileObject entity =
          part(
              "@Trigger(sql = \"CREATE TRIGGER part_named AFTER INSERT ON part"
                  + " BEGIN UPDATE part SET name = 'x' WHERE id = NEW.id; END\")\n",
              "String name;");
      Compilation c = compile(entity, sql("V1CreatePart", 1, CREATE_PART));

      assertOnlyErrorAt(
          c,
          "differs from the entities: trigger part_named: missing. Hint: add a migration after"
              + " version 1 that creates trigger part_named",
          entity,
          "@Trigger");
    }

    @Test
    void differentCheckIsOnTheCheckAttribute() {
      JavaFileObject entity = part("", "String name;", "@Column(check = \"qty >= 0\") int qty;");
      Compilation c =
          compile(
              entity,
              sql(
                  "V1CreatePart",
                  1,
                  "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT,"
                      + " qty INTEGER NOT NULL CHECK (qty > 0))"));

      assertErrorAt(c, "table part: check (qty >= 0): missing.", entity, "check = \"qty >= 0\"");
      assertErrorAt(c, "table part: check (qty > 0): not expected.", entity, "@Entity");
      assertThat(c).hadErrorCount(2);
    }

    @Test
    void aTableNoEntityDeclaresIsOnTheMigrationThatCreatedIt() {
      JavaFileObject notes = sql("V2CreateNotes", 2, "CREATE TABLE note (id INTEGER PRIMARY KEY)");
      Compilation c =
          compile(
              PART_NAME,
              sql("V1CreatePart", 1, CREATE_PART),
              notes,
              sql("V3IndexPart", 3, "CREATE INDEX part_name ON part (name)"));

      assertErrorAt(
          c,
          "table note: not expected. Hint: add a migration after version 3 that drops table note",
          notes,
          "up = ");
      assertErrorAt(c, "table part: index part_name: not expected", PART_NAME, "@Entity");
      assertThat(c).hadErrorCount(2);
    }

    @Test
    void aVacuumOutsideTheTransactionKeepsTheChainChecked() {
      JavaFileObject entity = part("", "String name;", "String sku;");
      Compilation c =
          compile(
              entity,
              sql("V1CreatePart", 1, CREATE_PART),
              sql("V2Vacuum", 2, "transactional = false,", "VACUUM"));

      assertOnlyErrorAt(c, "up to version 2 (app.V2Vacuum)", entity, "String sku;");
    }

    @Test
    void eachDifferenceIsOneError() {
      JavaFileObject entity = part("@Index(columns = \"name\")\n", "String name;", "String sku;");
      Compilation c = compile(entity, sql("V1CreatePart", 1, CREATE_PART));

      assertThat(c).hadErrorCount(2);
      assertErrorAt(c, "column sku: missing", entity, "String sku;");
      assertErrorAt(c, "index ix_part_name: missing", entity, "@Index");
    }
  }

  @Nested
  class NoFalseAlarm {
    @Test
    void aChainThatBuildsExactlyTheEntities() {
      JavaFileObject noDefault = part("@Index(columns = \"name\")\n", "String name;", "int qty;");
      Compilation c =
          compile(
              noDefault,
              sql("V1CreatePart", 1, CREATE_PART),
              sql(
                  "V2AddQuantity",
                  2,
                  "ALTER TABLE part ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;"
                      + " CREATE INDEX ix_part_name ON part (name)"));

      // The default is drift: the entity declares none.
      assertOnlyErrorAt(c, "column qty: default none expected, 0 found", noDefault, "int qty;");

      Compilation exact =
          compile(
              part(
                  "@Index(columns = \"name\")\n",
                  "String name;",
                  "@Column(defaultValue = \"0\") int qty;"),
              sql("V1CreatePart", 1, CREATE_PART),
              sql(
                  "V2AddQuantity",
                  2,
                  "ALTER TABLE part ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;"
                      + " CREATE INDEX ix_part_name ON part (name)"));
      assertThat(exact).succeededWithoutWarnings();
    }

    @Test
    void cosmeticDifferencesAreNoDrift() {
      JavaFileObject entity =
          part(
              "@Index(columns = \"name\")\n"
                  + "@Trigger(sql = \"CREATE TRIGGER part_named AFTER INSERT ON part"
                  + " BEGIN UPDATE part SET name = 'x' WHERE id = NEW.id; END\")\n",
              "@Column(check = \"length(name) > 0\") String name;");
      Compilation c =
          compile(
              entity,
              sql(
                  "V1CreatePart",
                  1,
                  "create table if not exists \\\"PART\\\" (\\n"
                      + "    \\\"Id\\\"   integer\\tprimary key ,\\n"
                      + "    [NAME] text check ( LENGTH( Name )>0 )\\n  );\\n"
                      + " create index IF NOT EXISTS Ix_Part_Name on Part( Name );"
                      + " create trigger if not exists PART_NAMED after insert on Part"
                      + " for each row begin update PART set NAME='x' where ID=new.ID ; end"));

      assertThat(c).succeededWithoutWarnings();
    }
  }

  @Nested
  class Levels {
    private final JavaFileObject entity = part("", "String name;", "String sku;");

    @Test
    void withAJavaMigrationDifferencesAreWarningsNamingIt() {
      Compilation c = compile(entity, sql("V1CreatePart", 1, CREATE_PART), java("V2AddSku", 2));

      assertThat(c).succeeded();
      assertThat(c)
          .hadWarningContaining(
              "[MigrationDrift] The schema that the migrations up to version 2 (app.V2AddSku)"
                  + " build differs from the entities: table part: column sku: missing, expected"
                  + " TEXT; Java migration app.V2AddSku (version 2) cannot run at compile time and"
                  + " may account for it: MigrationVerifier of strata-testing checks the real"
                  + " chain")
          .inFile(entity)
          .onLineContaining("String sku;");
      assertEquals(1, warnings(c, "[MigrationDrift]").size());
    }

    @Test
    void errorLevelAsGivenIsTheDefaultsErrors() {
      Compilation c =
          compile(
              List.of(entity, sql("V1CreatePart", 1, CREATE_PART)),
              "-Astrata.migrationDrift=error");

      assertOnlyErrorAt(c, "[MigrationDrift]", entity, "String sku;");
    }

    @Test
    void warningLevelWarnsAndGenerates() {
      Compilation c =
          compile(
              List.of(entity, sql("V1CreatePart", 1, CREATE_PART)),
              "-Astrata.migrationDrift=warning");

      assertThat(c).succeeded();
      assertThat(c)
          .hadWarningContaining("table part: column sku: missing")
          .inFile(entity)
          .onLineContaining("String sku;");
      assertThat(c).generatedSourceFile("app.StrataMigrations");
    }

    @Test
    void offChecksNothing() {
      Compilation c =
          compile(
              List.of(entity, sql("V1CreatePart", 1, CREATE_PART)), "-Astrata.migrationDrift=OFF");

      assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void anUnknownLevelIsAnError() {
      Compilation c =
          compile(
              List.of(entity, sql("V1CreatePart", 1, CREATE_PART)), "-Astrata.migrationDrift=loud");

      assertThat(c)
          .hadErrorContaining(
              "[InvalidOption] -Astrata.migrationDrift='loud' is not one of error, warning, off."
                  + " Hint: leave the option out for the default, error");
    }

    @Test
    void entitiesWithoutMigrationsOrMigrationsWithoutEntitiesAreNotChecked() {
      assertThat(compile(entity)).succeededWithoutWarnings();
      assertThat(compile(sql("V1CreatePart", 1, CREATE_PART))).succeededWithoutWarnings();
    }
  }

  static List<Diagnostic<? extends JavaFileObject>> warnings(Compilation c, String tag) {
    List<Diagnostic<? extends JavaFileObject>> found = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      if (d.getMessage(null).contains(tag)) {
        found.add(d);
      }
    }
    return found;
  }
}
