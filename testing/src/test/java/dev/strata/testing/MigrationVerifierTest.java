package dev.strata.testing;

import static dev.strata.testing.VerifierRegistries.correct;
import static dev.strata.testing.VerifierRegistries.correctPlus;
import static dev.strata.testing.VerifierRegistries.destructive;
import static dev.strata.testing.VerifierRegistries.entities;
import static dev.strata.testing.VerifierRegistries.onPostgresql;
import static dev.strata.testing.VerifierRegistries.rebuild;
import static dev.strata.testing.VerifierRegistries.registry;
import static dev.strata.testing.VerifierRegistries.schema;
import static dev.strata.testing.VerifierRegistries.sql;
import static dev.strata.testing.VerifierRegistries.sqliteOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.sql.Dialect;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each planted defect is caught, naming its migration, and a correct chain passes: on SQLite files
 * and on PostgreSQL (the embedded server), with the same failure kinds. Where SQLite's text does
 * not run on PostgreSQL, the migration carries PostgreSQL's own text ({@link
 * VerifierRegistries#onPostgresql}), and that text is what the verifier runs there.
 */
class MigrationVerifierTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aCorrectChainWithASeedOfFixedKeysPasses(Dialect dialect) throws SQLException {
    int before = tempDirs();
    MigrationVerifier verifier = MigrationVerifier.of(correct(), entities()).on(dialect);
    MigrationVerifier.Report report = verifier.run();
    assertEquals(List.of(), report.failures());
    String refused =
        dialect == Dialect.SQLITE
            ? "UNIQUE constraint failed: category.id"
            : "duplicate key value violates unique constraint \"category_pkey\"";
    assertTrue(
        report.notes().stream()
            .anyMatch(
                n ->
                    n.startsWith("V3 Seed categories: data survives: data check skipped")
                        && n.contains(refused)),
        report.notes()::toString);
    verifier.verify();
    assertEquals(before, tempDirs(), "the temporary files are deleted");
    if (dialect == Dialect.POSTGRESQL) {
      assertEquals(List.of(), scratchSchemas(), "the scratch schemas are dropped");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDownThatForgetsAnIndexIsCaught(Dialect dialect) {
    String message =
        failure(
            dialect,
            correctPlus(
                sql(
                    5,
                    "Index part quantity",
                    "CREATE TABLE shelf (id INTEGER PRIMARY KEY); CREATE INDEX part_qty ON part"
                        + " (qty)",
                    "DROP TABLE shelf")));
    assertTrue(
        message.contains(
            "- V5 Index part quantity: up, down, up: after down, the schema differs from the"
                + " schema before up (V4):\n"
                + "    table part: index part_qty: not expected, found (qty)"
                + (dialect == Dialect.SQLITE
                    ? "\n    sqlite_master: extra index part_qty: CREATE INDEX part_qty ON"
                        + " part(qty)"
                    : "")),
        message);
    assertTrue(message.contains("- V5 Index part quantity: up, down, up: up after down failed"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDownThatForgetsATriggerIsCaught(Dialect dialect) {
    String message =
        failure(
            dialect,
            correctPlus(
                onPostgresql(
                    sql(
                        5,
                        "Audit part names",
                        "CREATE TABLE audit (part_id INTEGER, name TEXT);"
                            + " CREATE TRIGGER part_audit AFTER UPDATE OF name ON part BEGIN"
                            + " INSERT INTO audit VALUES (NEW.id, NEW.name); END",
                        "DROP TABLE audit"),
                    "CREATE TABLE audit (part_id integer, name text);"
                        + " CREATE FUNCTION part_audit() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN INSERT INTO audit VALUES (NEW.id, NEW.name); RETURN NEW; END$$;"
                        + " CREATE TRIGGER part_audit AFTER UPDATE OF name ON part"
                        + " FOR EACH ROW EXECUTE FUNCTION part_audit()",
                    "DROP TABLE audit")));
    assertTrue(message.contains("V5 Audit part names: up, down, up: after down"), message);
    assertTrue(message.contains("trigger part_audit"), message);
    if (dialect == Dialect.SQLITE) {
      assertTrue(message.contains("sqlite_master: extra trigger part_audit"), message);
    }
  }

  /**
   * A down that forgets what the schema model has no place for: a function (created with OR
   * REPLACE, so the second up does not fail either) and a sequence no column owns.
   */
  @Test
  void aDownThatForgetsAFunctionOrASequenceIsCaughtOnPostgresql() {
    String message =
        failure(
            Dialect.POSTGRESQL,
            correctPlus(
                onPostgresql(
                    sql(
                        5,
                        "Numbering",
                        "CREATE TABLE numbering (n INTEGER)",
                        "DROP TABLE numbering"),
                    "CREATE TABLE numbering (n integer);"
                        + " CREATE OR REPLACE FUNCTION next_number() RETURNS bigint LANGUAGE sql"
                        + " AS $$SELECT 1::bigint$$;"
                        + " CREATE SEQUENCE IF NOT EXISTS number_seq",
                    "DROP TABLE numbering")));
    assertTrue(
        message.contains(
            "- V5 Numbering: up, down, up: after down, the schema differs from the schema before"
                + " up (V4):\n"
                + "    pg_catalog: extra function next_number(): returns bigint, body md5 "),
        message);
    assertTrue(
        message.contains("    pg_catalog: extra sequence number_seq: not owned by a column"),
        message);
  }

  /**
   * The rows the verifier inserts name their keys; the identity's sequence is moved past them, so a
   * seed that lets the key be generated still runs with them, and its data check is not skipped.
   */
  @Test
  void aSeedWithGeneratedKeysKeepsItsDataCheckOnPostgresql() {
    MigrationVerifier.Report report =
        MigrationVerifier.of(
                registry(
                    onPostgresql(
                        sql(
                            1,
                            "Create author",
                            "CREATE TABLE author (id INTEGER PRIMARY KEY," + " name TEXT)",
                            "DROP TABLE author"),
                        "CREATE TABLE author (id bigint GENERATED BY DEFAULT AS IDENTITY"
                            + " PRIMARY KEY, name text)",
                        "DROP TABLE author"),
                    sql(
                        2,
                        "Seed authors",
                        "INSERT INTO author (name) VALUES ('Ann'), ('Bo')",
                        "DELETE FROM author WHERE name IN ('Ann', 'Bo')")),
                null)
            .on(Dialect.POSTGRESQL)
            .run();

    assertEquals(List.of(), report.failures());
    assertTrue(
        report.notes().stream().noneMatch(n -> n.contains("data check skipped")),
        report.notes()::toString);
  }

  /**
   * PostgreSQL runs the migration's PostgreSQL text, SQLite its plain one: a down that forgets an
   * index in one text is caught on that database only.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void eachDatabaseVerifiesTheTextOfItsDialect(Dialect dialect) {
    MigrationVerifier.Report report =
        MigrationVerifier.of(
                correctPlus(
                    onPostgresql(
                        sql(
                            5,
                            "Index part quantity",
                            "CREATE INDEX part_qty ON part (qty)",
                            "DROP INDEX part_qty"),
                        "CREATE INDEX part_qty ON part (qty)",
                        "SELECT 1")),
                null)
            .on(dialect)
            .run();
    if (dialect == Dialect.SQLITE) {
      assertEquals(List.of(), report.failures());
    } else {
      assertTrue(
          report
              .failures()
              .get(0)
              .startsWith(
                  "V5 Index part quantity: up, down, up: after down, the schema differs from"
                      + " the schema before up (V4):\n"
                      + "    table part: index part_qty: not expected, found (qty)"),
          report.failures()::toString);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aChainThatDriftsFromTheEntitiesIsCaught(Dialect dialect) {
    List<String> drifted = new ArrayList<>(VerifierRegistries.ENTITIES);
    drifted.add("CREATE INDEX tag_label ON tag (label)");
    String message = failure(dialect, correct(), schema(drifted));
    assertTrue(
        message.contains(
            "- V4 Create tag: head matches the entities: the migrated schema differs from the"
                + " entities' schema:\n    table tag: index tag_label"),
        message);
  }

  /**
   * On SQLite the defect hides in a table rebuild ({@code foreignKeys = false}), which PostgreSQL
   * refuses; there it hides in an ALTER that changes the column's type.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aMigrationThatSilentlyNullsAColumnIsCaught(Dialect dialect) {
    String message =
        failure(
            dialect,
            correctPlus(
                dialect == Dialect.SQLITE
                    ? rebuild(
                        5,
                        "Rebuild part",
                        "CREATE TABLE part_new (id INTEGER PRIMARY KEY,"
                            + " category_id INTEGER NOT NULL REFERENCES category (id),"
                            + " name TEXT NOT NULL, note TEXT,"
                            + " qty INTEGER NOT NULL CHECK (qty >= 0));"
                            + " INSERT INTO part_new (id, category_id, name, qty)"
                            + " SELECT id, category_id, name, qty FROM part;"
                            + " DROP TABLE part; ALTER TABLE part_new RENAME TO part;"
                            + " CREATE INDEX part_name ON part (name)",
                        "")
                    : sql(
                        5,
                        "Rebuild part",
                        "ALTER TABLE part ALTER COLUMN note TYPE varchar(200) USING NULL",
                        "")));
    assertTrue(
        message.contains(
            "- V5 Rebuild part: data survives: table part: values became NULL (3):\n"
                + "    (id=1) note: 'note-1' -> NULL"),
        message);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aMigrationThatDropsATableWithoutDeclaringItIsCaught(Dialect dialect) {
    String message = failure(dialect, correctPlus(sql(5, "Drop tag", "DROP TABLE tag", "")));
    assertTrue(
        message.contains(
            "- V5 Drop tag: data survives: table tag was dropped with its 3 rows (a migration"
                + " that drops data on purpose declares destructive = true)"),
        message);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDestructiveMigrationIsExempt(Dialect dialect) {
    MigrationVerifier.Report report =
        MigrationVerifier.of(correctPlus(destructive(5, "Drop tag", "DROP TABLE tag", "")), null)
            .on(dialect)
            .run();
    assertEquals(List.of(), report.failures());
    assertTrue(
        report
            .notes()
            .contains(
                "V5 Drop tag: data survives: exempt from the data check:"
                    + " it declares destructive = true"),
        report.notes()::toString);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void duplicateVersionsAreCaught(Dialect dialect) {
    String message =
        failure(
            dialect,
            registry(
                VerifierRegistries.CATEGORY,
                sql(1, "Create other", "CREATE TABLE other (id INTEGER PRIMARY KEY)", "")));
    assertTrue(
        message.contains(
            "Versions unique and increasing: V1 is used twice: 'Create category' and"
                + " 'Create other'"),
        message);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyFailureIsInOneAssertionError(Dialect dialect) {
    MigrationVerifier verifier =
        MigrationVerifier.of(
                correctPlus(
                    sql(
                        5,
                        "Index part quantity",
                        "CREATE INDEX part_qty ON part (qty)",
                        "SELECT 1"),
                    sql(6, "Drop tag", "DROP TABLE tag", "")),
                entities())
            .on(dialect);
    AssertionError error = assertThrows(AssertionError.class, verifier::verify);
    assertTrue(error.getMessage().contains("- V5 Index part quantity: up, down, up"));
    assertTrue(error.getMessage().contains("- V6 Drop tag: data survives"));
    assertTrue(error.getMessage().contains("- V6 Drop tag: head matches the entities"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void testsAreNamedDynamicTests(Dialect dialect) throws Throwable {
    List<DynamicNode> tests =
        MigrationVerifier.of(correct(), entities()).on(dialect).tests().toList();
    List<String> names = tests.stream().map(DynamicNode::getDisplayName).toList();
    assertEquals(
        List.of(
            "Versions unique and increasing",
            "Upgrade from empty to head",
            "V1 Create category: up, down, up",
            "V1 Create category: data survives",
            "V2 Create part: up, down, up",
            "V2 Create part: data survives",
            "V3 Seed categories: up, down, up",
            "V3 Seed categories: data survives",
            "V4 Create tag: up, down, up",
            "V4 Create tag: data survives",
            "V4 Create tag: head matches the entities"),
        names);
    for (DynamicNode test : tests) {
      ((DynamicTest) test).getExecutable().execute();
    }
    DynamicTest broken =
        (DynamicTest)
            MigrationVerifier.of(correctPlus(sql(5, "Drop tag", "DROP TABLE tag", "")), null)
                .on(dialect)
                .tests()
                .filter(t -> t.getDisplayName().equals("V5 Drop tag: data survives"))
                .findFirst()
                .orElseThrow();
    AssertionError error =
        assertThrows(AssertionError.class, () -> broken.getExecutable().execute());
    assertTrue(error.getMessage().contains("V5 Drop tag: data survives: table tag was dropped"));
  }

  /**
   * A repeatable view runs on the way to the head, as {@code migrate()} runs it: the head check
   * sees it, and the up, down, up check of the last version does not.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void repeatablesRunOnTheWayToTheHeadOnly(Dialect dialect) {
    String view = "CREATE VIEW part_names AS SELECT name FROM part";
    dev.strata.spi.RepeatableDescriptor repeatable =
        new dev.strata.spi.RepeatableDescriptor(
            "part names view",
            "sha256:1",
            "test.PartNames",
            List.of("DROP VIEW IF EXISTS part_names", view));
    dev.strata.spi.MigrationRegistry withView =
        new dev.strata.spi.MigrationRegistry() {
          @Override
          public List<dev.strata.spi.MigrationDescriptor> migrations() {
            return correct().migrations();
          }

          @Override
          public List<dev.strata.spi.RepeatableDescriptor> repeatables() {
            return List.of(repeatable);
          }
        };
    List<String> entitiesAndView = new ArrayList<>(VerifierRegistries.ENTITIES);
    entitiesAndView.add(view);

    assertEquals(
        List.of(),
        MigrationVerifier.of(withView, schema(entitiesAndView)).on(dialect).run().failures());
    String message = failure(dialect, withView, entities());
    assertTrue(
        message.contains(
            "- V4 Create tag: head matches the entities: the migrated schema differs from the"
                + " entities' schema:\n    view part_names"),
        message);
    assertTrue(!message.contains("up, down, up"), message);
  }

  /** A schema without PostgreSQL DDL is one clear failure there, not a crash. */
  @Test
  void aSchemaWithoutPostgresqlDdlIsOneClearFailureOnPostgresql() {
    MigrationVerifier.Report report =
        MigrationVerifier.of(correct(), sqliteOnly(VerifierRegistries.ENTITIES))
            .on(Dialect.POSTGRESQL)
            .run();
    assertEquals(1, report.failures().size(), report.failures()::toString);
    String failure = report.failures().get(0);
    assertTrue(
        failure.startsWith(
            "V4 Create tag: head matches the entities: the entities' schema cannot be compared:"),
        failure);
    assertTrue(failure.contains("has no DDL for PostgreSQL"), failure);
    assertTrue(failure.contains("-Astrata.dialects=sqlite,postgresql"), failure);
  }

  private static String failure(Dialect dialect, dev.strata.spi.MigrationRegistry registry) {
    return failure(dialect, registry, null);
  }

  private static String failure(
      Dialect dialect,
      dev.strata.spi.MigrationRegistry registry,
      dev.strata.spi.SchemaDefinition schema) {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> MigrationVerifier.of(registry, schema).on(dialect).verify());
    System.out.println(error.getMessage());
    return error.getMessage();
  }

  /** The verifier's schemas left in the JVM's shared PostgreSQL database. */
  private static List<String> scratchSchemas() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(ScratchDatabases.sharedUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'strata\\_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static int tempDirs() {
    String[] names = Objects.requireNonNull(new File(System.getProperty("java.io.tmpdir")).list());
    return (int) java.util.Arrays.stream(names).filter(n -> n.startsWith("strata-verify-")).count();
  }
}
