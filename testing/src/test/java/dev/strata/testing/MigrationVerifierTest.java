package dev.strata.testing;

import static dev.strata.testing.VerifierRegistries.correct;
import static dev.strata.testing.VerifierRegistries.correctPlus;
import static dev.strata.testing.VerifierRegistries.destructive;
import static dev.strata.testing.VerifierRegistries.entities;
import static dev.strata.testing.VerifierRegistries.rebuild;
import static dev.strata.testing.VerifierRegistries.registry;
import static dev.strata.testing.VerifierRegistries.schema;
import static dev.strata.testing.VerifierRegistries.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** Each planted defect is caught, naming its migration; a correct chain passes. */
class MigrationVerifierTest {

  @Test
  void aCorrectChainWithASeedOfFixedKeysPasses() {
    int before = tempDirs();
    MigrationVerifier verifier = MigrationVerifier.of(correct(), entities());
    MigrationVerifier.Report report = verifier.run();
    assertEquals(List.of(), report.failures());
    assertTrue(
        report.notes().stream()
            .anyMatch(
                n ->
                    n.startsWith("V3 Seed categories: data survives: data check skipped")
                        && n.contains("UNIQUE constraint failed: category.id")),
        report.notes()::toString);
    verifier.verify();
    assertEquals(before, tempDirs(), "the temporary files are deleted");
  }

  @Test
  void aDownThatForgetsAnIndexIsCaught() {
    String message =
        failure(
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
                + "    table part: index part_qty: not expected, found (qty)\n"
                + "    sqlite_master: extra index part_qty: CREATE INDEX part_qty ON part(qty)"),
        message);
  }

  @Test
  void aDownThatForgetsATriggerIsCaught() {
    String message =
        failure(
            correctPlus(
                sql(
                    5,
                    "Audit part names",
                    "CREATE TABLE audit (part_id INTEGER, name TEXT);"
                        + " CREATE TRIGGER part_audit AFTER UPDATE OF name ON part BEGIN"
                        + " INSERT INTO audit VALUES (NEW.id, NEW.name); END",
                    "DROP TABLE audit")));
    assertTrue(message.contains("V5 Audit part names: up, down, up: after down"), message);
    assertTrue(message.contains("trigger part_audit"), message);
    assertTrue(message.contains("sqlite_master: extra trigger part_audit"), message);
  }

  @Test
  void aChainThatDriftsFromTheEntitiesIsCaught() {
    List<String> drifted = new ArrayList<>(VerifierRegistries.ENTITIES);
    drifted.add("CREATE INDEX tag_label ON tag (label)");
    String message = failure(correct(), schema(drifted));
    assertTrue(
        message.contains(
            "- V4 Create tag: head matches the entities: the migrated schema differs from the"
                + " entities' schema:\n    table tag: index tag_label"),
        message);
  }

  @Test
  void aMigrationThatSilentlyNullsAColumnIsCaught() {
    String message =
        failure(
            correctPlus(
                rebuild(
                    5,
                    "Rebuild part",
                    "CREATE TABLE part_new (id INTEGER PRIMARY KEY,"
                        + " category_id INTEGER NOT NULL REFERENCES category (id),"
                        + " name TEXT NOT NULL, note TEXT, qty INTEGER NOT NULL CHECK (qty >= 0));"
                        + " INSERT INTO part_new (id, category_id, name, qty)"
                        + " SELECT id, category_id, name, qty FROM part;"
                        + " DROP TABLE part; ALTER TABLE part_new RENAME TO part;"
                        + " CREATE INDEX part_name ON part (name)",
                    "")));
    assertTrue(
        message.contains(
            "- V5 Rebuild part: data survives: table part: values became NULL (3):\n"
                + "    (id=1) note: 'note-1' -> NULL"),
        message);
  }

  @Test
  void aMigrationThatDropsATableWithoutDeclaringItIsCaught() {
    String message = failure(correctPlus(sql(5, "Drop tag", "DROP TABLE tag", "")));
    assertTrue(
        message.contains(
            "- V5 Drop tag: data survives: table tag was dropped with its 3 rows (a migration"
                + " that drops data on purpose declares destructive = true)"),
        message);
  }

  @Test
  void aDestructiveMigrationIsExempt() {
    MigrationVerifier.Report report =
        MigrationVerifier.of(correctPlus(destructive(5, "Drop tag", "DROP TABLE tag", "")), null)
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

  @Test
  void duplicateVersionsAreCaught() {
    String message =
        failure(
            registry(
                VerifierRegistries.CATEGORY,
                sql(1, "Create other", "CREATE TABLE other (id INTEGER PRIMARY KEY)", "")));
    assertTrue(
        message.contains(
            "Versions unique and increasing: V1 is used twice: 'Create category' and"
                + " 'Create other'"),
        message);
  }

  @Test
  void everyFailureIsInOneAssertionError() {
    MigrationVerifier verifier =
        MigrationVerifier.of(
            correctPlus(
                sql(5, "Index part quantity", "CREATE INDEX part_qty ON part (qty)", "SELECT 1"),
                sql(6, "Drop tag", "DROP TABLE tag", "")),
            entities());
    AssertionError error = assertThrows(AssertionError.class, verifier::verify);
    assertTrue(error.getMessage().contains("- V5 Index part quantity: up, down, up"));
    assertTrue(error.getMessage().contains("- V6 Drop tag: data survives"));
    assertTrue(error.getMessage().contains("- V6 Drop tag: head matches the entities"));
  }

  @Test
  void testsAreNamedDynamicTests() throws Throwable {
    List<DynamicNode> tests = MigrationVerifier.of(correct(), entities()).tests().toList();
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
  @Test
  void repeatablesRunOnTheWayToTheHeadOnly() {
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
        List.of(), MigrationVerifier.of(withView, schema(entitiesAndView)).run().failures());
    String message = failure(withView, entities());
    assertTrue(
        message.contains(
            "- V4 Create tag: head matches the entities: the migrated schema differs from the"
                + " entities' schema:\n    view part_names"),
        message);
    assertTrue(!message.contains("up, down, up"), message);
  }

  private static String failure(dev.strata.spi.MigrationRegistry registry) {
    return failure(registry, null);
  }

  private static String failure(
      dev.strata.spi.MigrationRegistry registry, dev.strata.spi.SchemaDefinition schema) {
    AssertionError error =
        assertThrows(AssertionError.class, () -> MigrationVerifier.of(registry, schema).verify());
    System.out.println(error.getMessage());
    return error.getMessage();
  }

  private static int tempDirs() {
    String[] names = Objects.requireNonNull(new File(System.getProperty("java.io.tmpdir")).list());
    return (int) java.util.Arrays.stream(names).filter(n -> n.startsWith("strata-verify-")).count();
  }
}
