package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static dev.strata.processor.Sources.annotated;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.MigrationException;
import dev.strata.Strata;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compile-time replays check beyond preparing each statement: foreign keys of the migrated
 * schema, trigger bodies, what stays checked after a Java migration, that a failure is blamed on
 * the statement the runtime fails at, and drops that cascade.
 */
class ReplayChecksTest {

  /** A SQL migration with 'up' on its own line and optional extra attributes before it. */
  private static JavaFileObject sql(String name, long version, String attributes, String up) {
    return migrationSource(
        name,
        """
        @dev.strata.annotation.Migration(
            version = %d,%s
            up = "%s")
        class %s {}
        """
            .formatted(version, attributes.isEmpty() ? "" : "\n    " + attributes, up, name));
  }

  private static JavaFileObject sql(String name, long version, String up) {
    return sql(name, version, "", up);
  }

  /** A Java migration that runs {@code sql}, which the replay cannot see. */
  private static JavaFileObject java(String name, long version, String sql) {
    return migrationSource(
        name,
        """
        @dev.strata.annotation.Migration(version = %d)
        public class %s implements dev.strata.JavaMigration {
          public void up(dev.strata.MigrationContext ctx) throws Exception {
            ctx.execute("%s");
          }
        }
        """
            .formatted(version, name, sql));
  }

  private static final JavaFileObject PARENT =
      sql(
          "CreateOwners",
          1,
          "CREATE TABLE owner (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT,"
              + " code TEXT, region TEXT)");

  /** Item 4: the foreign keys that migration SQL declares are checked as entities' are. */
  @Nested
  class ForeignKeysOfTheMigratedSchema {
    @Test
    void missingParentColumnIsReportedOnTheMigrationThatDeclaresTheKey() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_mail TEXT REFERENCES owner(mail))");

      assertOnlyErrorAt(
          compile(PARENT, pets),
          "[ReferenceColumnMissing] Referenced table 'owner' has no column 'mail'. Hint: reference"
              + " one of its columns: id, email, name, code, region (in the foreign key"
              + " pet(owner_mail) REFERENCES owner(mail))",
          pets,
          "up = ");
    }

    @Test
    void aKeyDeclaredBeforeAJavaMigrationIsStillChecked() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_mail TEXT REFERENCES owner(mail))");
      JavaFileObject backfill = java("Backfill", 3, "UPDATE pet SET owner_mail = NULL");

      assertOnlyErrorAt(
          compile(PARENT, pets, backfill),
          "[ReferenceColumnMissing] Referenced table 'owner' has no column 'mail'",
          pets,
          "up = ");
    }

    @Test
    void parentKeyThatIsNotUniqueIsReported() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_name TEXT REFERENCES owner(name))");

      assertOnlyErrorAt(
          compile(PARENT, pets),
          "[ReferenceNotUnique] Referenced columns [name] of table 'owner' are neither its primary"
              + " key nor unique",
          pets,
          "up = ");
    }

    @Test
    void compositeKeyNeedsAUniqueIndexOnExactlyItsColumns() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, c TEXT, r TEXT,"
                  + " FOREIGN KEY (c, r) REFERENCES owner(code, region))");
      JavaFileObject partial =
          sql(
              "IndexOwners",
              3,
              "CREATE UNIQUE INDEX owner_code ON owner (code, region) WHERE code IS NOT NULL");
      JavaFileObject unique =
          sql("IndexOwners", 3, "CREATE UNIQUE INDEX owner_code ON owner (region, code)");

      assertOnlyErrorAt(compile(PARENT, pets, partial), "[ReferenceNotUnique]", partial, "up = ");
      assertThat(compile(PARENT, pets, unique)).succeededWithoutWarnings();
    }

    @Test
    void keysToThePrimaryKeyOrAUniqueColumnAreFine() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owner,"
                  + " owner_email TEXT REFERENCES \\\"OWNER\\\"(EMAIL))");

      assertThat(compile(PARENT, pets)).succeededWithoutWarnings();
    }

    @Test
    void missingParentTableIsReported() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners(id))");

      assertOnlyErrorAt(
          compile(PARENT, pets),
          "[ReferenceTableMissing] Foreign key pet(owner_id) REFERENCES owners(id) names table"
              + " 'owners', which does not exist. Hint: create the table in this or an earlier"
              + " migration, or correct the name: SQLite accepts the key, but with foreign keys"
              + " enforced every INSERT into 'pet' then fails",
          pets,
          "up = ");
    }

    @Test
    void theMigrationThatBreaksTheParentIsBlamed() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_email TEXT REFERENCES"
                  + " owner(email))");
      JavaFileObject later = sql("CreateTags", 3, "CREATE TABLE tag (id INTEGER PRIMARY KEY)");
      JavaFileObject breaks =
          sql(
              "RebuildOwners",
              4,
              "foreignKeys = false,",
              "CREATE TABLE owner_new (id INTEGER PRIMARY KEY, email TEXT);"
                  + " INSERT INTO owner_new SELECT id, email FROM owner;"
                  + " DROP TABLE owner; ALTER TABLE owner_new RENAME TO owner");

      assertOnlyErrorAt(
          compile(PARENT, pets, later, breaks),
          "[ReferenceNotUnique] Referenced columns [email] of table 'owner'",
          breaks,
          "up = ");
    }

    @Test
    void keysAreCheckedInTheFinalSchema() {
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_name TEXT REFERENCES owner(name))");
      JavaFileObject fixes =
          sql("IndexOwners", 3, "CREATE UNIQUE INDEX owner_name ON owner (name)");

      assertThat(compile(PARENT, pets, fixes)).succeededWithoutWarnings();
    }

    @Test
    void afterAJavaMigrationOnlyKeysAmongLaterSqlTablesAreChecked() {
      JavaFileObject javaParent =
          java("CreateOwners", 1, "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT)");
      JavaFileObject pets =
          sql(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_name TEXT REFERENCES owner(name));"
                  + " CREATE TABLE vet (id INTEGER PRIMARY KEY, name TEXT);"
                  + " CREATE TABLE visit (id INTEGER PRIMARY KEY, vet TEXT REFERENCES vet(nam))");

      Compilation c = compile(javaParent, pets);

      assertOnlyErrorAt(
          c, "[ReferenceColumnMissing] Referenced table 'vet' has no column 'nam'", pets, "up = ");
    }
  }

  /** Item 5: a trigger's body is resolved by preparing a statement that fires it. */
  @Nested
  class TriggerBodies {
    @Test
    void columnTypoInAMigrationTriggerIsReportedOnThatStatement() {
      JavaFileObject tickets =
          sql(
              "CreateTickets",
              1,
              "CREATE TABLE ticket (id INTEGER PRIMARY KEY, updated_at TEXT);"
                  + " CREATE TRIGGER ticket_touch AFTER UPDATE ON ticket BEGIN"
                  + " UPDATE ticket SET updatedat = CURRENT_TIMESTAMP WHERE id = new.id; END");

      assertOnlyErrorAt(
          compile(tickets),
          "[InvalidSql] SQLite rejects \"CREATE TRIGGER ticket_touch AFTER UPDATE ON ticket BEGIN"
              + " UPDATE ticket SET updatedat = CURRENT_TIMESTAMP WHERE id = new.id; END\""
              + " (statement 2 of 'up', tried after every earlier SQL migration): error in trigger"
              + " ticket_touch: no such column: updatedat",
          tickets,
          "up = ");
    }

    @Test
    void everyEventIsProbedOnTablesAndViews() {
      String table = "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);";
      String view = "CREATE VIEW v AS SELECT id, a FROM t;";
      for (String trigger :
          new String[] {
            "CREATE TRIGGER x BEFORE INSERT ON t BEGIN SELECT new.aa; END",
            "CREATE TRIGGER x AFTER DELETE ON t WHEN old.bb IS NULL BEGIN SELECT 1; END",
            "CREATE TRIGGER x AFTER UPDATE OF b ON t BEGIN UPDATE t SET aa = 1; END",
            "CREATE TRIGGER IF NOT EXISTS main.x INSTEAD OF INSERT ON v BEGIN"
                + " INSERT INTO t (id, aa) VALUES (new.id, new.a); END",
            "CREATE TRIGGER x INSTEAD OF UPDATE OF a ON v BEGIN UPDATE t SET a = new.aa; END",
            "CREATE TRIGGER x INSTEAD OF DELETE ON v BEGIN DELETE FROM t WHERE idd = old.id; END"
          }) {
        JavaFileObject bad = sql("CreateT", 1, table + view + trigger);

        Compilation c = compile(bad);

        assertOnlyErrorAt(c, "(statement 3 of 'up'", bad, "up = ");
        assertThat(c).hadErrorContaining("error in trigger x: ");
      }
    }

    /** A trigger that a later DROP TABLE broke makes the probes of new triggers fail too. */
    @Test
    void aTriggerIsNotBlamedForAnotherOnesBody() {
      JavaFileObject first =
          sql(
              "CreateT",
              1,
              "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);"
                  + " CREATE TABLE log (t_id INTEGER, what TEXT);"
                  + " CREATE TRIGGER t_log AFTER INSERT ON t BEGIN"
                  + " INSERT INTO log VALUES (new.id, new.a); END");
      JavaFileObject second = sql("DropLog", 2, "destructive = true,", "DROP TABLE log");
      JavaFileObject third =
          sql(
              "TouchT",
              3,
              "CREATE TRIGGER t_touch AFTER INSERT ON t BEGIN SELECT new.a; END;"
                  + " CREATE TRIGGER t_check BEFORE UPDATE OF a ON t BEGIN SELECT old.a; END");

      assertThat(compile(first, second, third)).succeededWithoutWarnings();
    }

    @Test
    void aBodyWritingIntoAViewWithAnInsteadOfTriggerIsFine() {
      JavaFileObject view =
          sql(
              "CreateAccounts",
              1,
              "CREATE TABLE acc (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
                  + " CREATE VIEW acc_v AS SELECT id, n FROM acc;"
                  + " CREATE TRIGGER acc_v_ins INSTEAD OF INSERT ON acc_v BEGIN"
                  + " UPDATE acc SET n = n + 1 WHERE id = 1; END");
      JavaFileObject writer =
          sql(
              "CreateEvents",
              2,
              "CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT);"
                  + " CREATE TRIGGER tb AFTER INSERT ON b BEGIN"
                  + " INSERT INTO acc_v (id, n) VALUES (0, 0); END");
      JavaFileObject typo =
          sql(
              "CreateMoreEvents",
              3,
              "CREATE TABLE c (id INTEGER PRIMARY KEY);"
                  + " CREATE TRIGGER tc AFTER INSERT ON c BEGIN"
                  + " INSERT INTO acc_v (id, nn) VALUES (0, 0); END");

      assertThat(compile(view, writer)).succeeded();
      // Without its INSTEAD OF trigger the view is read-only, and a wrong column is still wrong.
      assertErrorAt(
          compile(
              sql(
                  "CreatePlainView",
                  1,
                  "CREATE TABLE acc (id INTEGER PRIMARY KEY, n"
                      + " INTEGER); CREATE VIEW acc_v AS SELECT id, n FROM acc"),
              writer),
          "cannot modify acc_v because it is a view",
          writer,
          "up = ");
      assertErrorAt(compile(view, typo), "no column named nn", typo, "up = ");
    }

    @Test
    void columnTypoInAnEntityTriggerIsReportedOnTheTrigger() {
      JavaFileObject ticket =
          annotated(
              "app.Ticket",
              """
              @Entity
              @Trigger(sql = "CREATE TRIGGER ticket_touch AFTER UPDATE ON ticket BEGIN \
              UPDATE ticket SET updatedat = 1 WHERE id = new.id; END")
              public class Ticket {
                @Id long id;
                String updatedAt;
              }
              """);

      assertOnlyErrorAt(
          compile(ticket),
          "[InvalidSql] SQLite rejects trigger 'ticket_touch': no such column: updatedat",
          ticket,
          "CREATE TRIGGER ticket_touch");
    }

    @Test
    void entityTriggersThatResolveCompile() {
      JavaFileObject ticket =
          annotated(
              "app.Ticket",
              """
              @Entity
              @Trigger(sql = "CREATE TRIGGER ticket_touch AFTER UPDATE OF title ON ticket \
              BEGIN UPDATE ticket SET updated_at = 1 WHERE id = new.id; END")
              @Trigger(sql = "CREATE TRIGGER ticket_new BEFORE INSERT ON ticket \
              WHEN new.title IS NULL BEGIN SELECT RAISE(ABORT, 'title'); END")
              public class Ticket {
                @Id long id;
                String title;
                String updatedAt;
              }
              """);

      assertThat(compile(ticket)).succeededWithoutWarnings();
    }
  }

  /** Item 6: after a Java migration, say what is unchecked, and check what is still known. */
  @Nested
  class AfterAJavaMigration {
    private final JavaFileObject javaBins =
        java("CreateBins", 1, "CREATE TABLE bins (id INTEGER PRIMARY KEY, name TEXT)");

    @Test
    void aNoteOnTheFirstJavaMigrationSaysWhatIsNoLongerChecked() {
      JavaFileObject second = java("FillBins", 2, "INSERT INTO bins (name) VALUES ('a')");
      JavaFileObject next = sql("IndexBins", 3, "CREATE INDEX bins_name ON bins (name)");

      Compilation c = compile(javaBins, second, next);

      assertThat(c).succeededWithoutWarnings();
      assertThat(c)
          .hadNoteContaining(
              "[SchemaUnknownAfterJava] Java migration com.example.db.CreateBins (version 1)"
                  + " cannot run at compile time")
          .inFile(javaBins)
          .onLineContaining("@dev.strata.annotation.Migration");
      long notes =
          c.notes().stream()
              .filter(n -> n.getMessage(null).contains("[SchemaUnknownAfterJava]"))
              .count();
      assertEquals(1, notes);
    }

    @Test
    void noNoteWhenNoSqlMigrationFollows() {
      JavaFileObject first = sql("CreateCrates", 1, "CREATE TABLE crates (id INTEGER)");
      JavaFileObject java = java("FillCrates", 2, "INSERT INTO crates VALUES (1)");

      Compilation c = compile(first, java);

      assertThat(c).succeededWithoutWarnings();
      assertTrue(
          c.diagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
              .noneMatch(d -> d.getMessage(null).contains("SchemaUnknownAfterJava")));
    }

    @Test
    void tablesCreatedBySqlAfterItAreStillChecked() {
      JavaFileObject crates =
          sql("CreateCrates", 2, "CREATE TABLE crates (id INTEGER PRIMARY KEY, label TEXT)");
      JavaFileObject javaTable = sql("IndexBins", 4, "CREATE INDEX bins_x ON bins (x)");
      String[][] cases = {
        {"CREATE INDEX crates_label ON crates (lable)", "no such column: lable"},
        {
          "INSERT INTO crates (id, lable) SELECT id, name FROM bins",
          "table crates has no column named lable"
        },
        {"CREATE TABLE crates (id INTEGER)", "table crates already exists"},
        {
          "CREATE TRIGGER crates_log AFTER INSERT ON crates BEGIN SELECT new.lable; END",
          "error in trigger crates_log: no such column: new.lable"
        },
      };
      for (String[] bad : cases) {
        JavaFileObject uses = sql("UseCrates", 3, bad[0]);

        Compilation c = compile(javaBins, crates, uses, javaTable);

        assertOnlyErrorAt(c, bad[1], uses, "up = ");
      }
    }

    @Test
    void aMigrationLeftOutForAnErrorIsAnUnknownPointToo() {
      JavaFileObject bins =
          sql("CreateBins", 1, "CREATE TABLE bins (id INTEGER PRIMARY KEY, name TEXT)");
      JavaFileObject leftOut = sql("AlterBins", 2, "   ");
      JavaFileObject crates =
          sql("CreateCrates", 3, "CREATE TABLE crates (id INTEGER PRIMARY KEY, label TEXT)");
      JavaFileObject indexes =
          sql(
              "IndexBoth",
              4,
              "CREATE INDEX bins_x ON bins (x); CREATE INDEX crates_x ON crates (lable)");

      Compilation c = compile(bins, leftOut, crates, indexes);

      assertErrorAt(c, "[EmptyMigration]", leftOut, "up = ");
      assertErrorAt(
          c,
          "[InvalidSql] SQLite rejects \"CREATE INDEX crates_x ON crates (lable)\" (statement 2",
          indexes,
          "up = ");
      assertThat(c).hadErrorCount(2);
    }
  }

  /** Item 7: the replay fails at the statement where the runtime fails. */
  @Nested
  class SameFailureAsTheRuntime {
    private static final String REBUILD =
        "CREATE TABLE item_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
            + " INSERT INTO item_new SELECT id, coalesce(name, '') FROM item;"
            + " DROP TABLE item;"
            + " ALTER TABLE item_new RENAME TO item;"
            + " CREATE INDEX item_name ON item (name)";
    private static final String CREATE =
        "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);"
            + " CREATE VIEW item_names AS SELECT name FROM item";

    @TempDir Path temp;

    @Test
    void aRebuildUnderAViewFailsAtTheRenameInBoth() {
      JavaFileObject rebuild = sql("RebuildItems", 2, REBUILD);

      Compilation atCompileTime = compile(sql("CreateItems", 1, CREATE), rebuild);

      assertOnlyErrorAt(
          atCompileTime,
          "[InvalidSql] SQLite rejects \"ALTER TABLE item_new RENAME TO item\" (statement 4 of"
              + " 'up', tried after every earlier SQL migration): error in view item_names: no such"
              + " table: main.item",
          rebuild,
          "up = ");

      // The runtime, on a real file, with the registry the processor generates for the same
      // statements (version 1 in Java form, which the replay cannot see, so that it compiles).
      Compilation runnable = compile(java("CreateItems", 1, CREATE), rebuild);
      assertThat(runnable).succeeded();
      Strata strata =
          Strata.configure()
              .url("jdbc:sqlite:" + temp.resolve("items.db"))
              .registry(ExampleMigrations.registry(runnable))
              .load();
      MigrationException atRunTime = assertThrows(MigrationException.class, strata::migrate);

      assertEquals(2, atRunTime.version());
      assertEquals(
          statementNumber("statement (\\d+) of up", atRunTime.getMessage()),
          statementNumber(
              "statement (\\d+) of 'up'", atCompileTime.errors().get(0).getMessage(null)));
      assertTrue(
          atRunTime.getMessage().contains("error in view item_names: no such table: main.item"),
          atRunTime.getMessage());
    }

    private static int statementNumber(String pattern, String message) {
      Matcher m = Pattern.compile(pattern).matcher(message);
      assertTrue(m.find(), message);
      return Integer.parseInt(m.group(1));
    }
  }

  /** Item 2: a drop that would cascade into other tables needs foreignKeys = false. */
  @Nested
  class CascadingDrops {
    private final JavaFileObject schema =
        sql(
            "CreateParts",
            1,
            "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT);"
                + " CREATE TABLE stock (id INTEGER PRIMARY KEY,"
                + " part_id INTEGER REFERENCES part ON DELETE CASCADE);"
                + " CREATE TABLE note (id INTEGER PRIMARY KEY,"
                + " part_id INTEGER REFERENCES part(id) ON DELETE SET NULL)");

    private static final String REBUILD =
        "CREATE TABLE part_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
            + " INSERT INTO part_new SELECT id, coalesce(name, '') FROM part;"
            + " DROP TABLE part;"
            + " ALTER TABLE part_new RENAME TO part";

    @Test
    void aRebuildWithForeignKeysEnforcedIsAnError() {
      JavaFileObject rebuild = sql("RebuildParts", 2, REBUILD);

      assertOnlyErrorAt(
          compile(schema, rebuild),
          "[CascadingDrop] \"DROP TABLE part\" (statement 3 of 'up') drops table 'part' while"
              + " foreign keys are enforced, so SQLite sets note(part_id) to NULL in every row that"
              + " references it (ON DELETE SET NULL), and deletes every row of 'stock' that"
              + " references it (ON DELETE CASCADE). Hint: to rebuild the table, declare"
              + " @Migration(foreignKeys = false)",
          rebuild,
          "up = ");
    }

    @Test
    void setNullAloneIsAnErrorToo() {
      JavaFileObject notes =
          sql(
              "CreateNotes",
              1,
              "CREATE TABLE part (id INTEGER PRIMARY KEY);"
                  + " CREATE TABLE note (id INTEGER PRIMARY KEY,"
                  + " part_id INTEGER REFERENCES part(id) ON DELETE SET NULL)");
      JavaFileObject drop =
          sql("DropParts", 2, "DROP TABLE IF EXISTS main.\\\"Part\\\"; DROP TABLE note");

      assertOnlyErrorAt(
          compile(notes, drop),
          "[CascadingDrop] \"DROP TABLE IF EXISTS main.\"Part\"\" (statement 1 of 'up') drops"
              + " table 'Part' while foreign keys are enforced, so SQLite sets note(part_id) to"
              + " NULL in every row that references it (ON DELETE SET NULL)",
          drop,
          "up = ");
    }

    @Test
    void foreignKeysOffOrDestructiveSilenceIt() {
      JavaFileObject safe = sql("RebuildParts", 2, "foreignKeys = false,", REBUILD);
      JavaFileObject meant = sql("RebuildParts", 2, "destructive = true,", REBUILD);

      assertThat(compile(schema, safe)).succeededWithoutWarnings();
      assertThat(compile(schema, meant)).succeededWithoutWarnings();
    }

    @Test
    void noActionAndRestrictDoNotCascade() {
      JavaFileObject plain =
          sql(
              "CreateParts",
              1,
              "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT);"
                  + " CREATE TABLE stock (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part);"
                  + " CREATE TABLE part_log (part_id INTEGER REFERENCES part ON DELETE RESTRICT)");
      JavaFileObject drop = sql("DropLog", 2, "DROP TABLE part_log; DROP TABLE stock");

      Compilation c = compile(plain, drop);
      assertThat(c).succeeded();
      // Dropping them loses their own rows ([DestructiveMigration]), but no other table's.
      assertTrue(
          c.diagnostics().stream().noneMatch(d -> d.getMessage(null).contains("[CascadingDrop]")),
          () -> c.diagnostics().toString());
    }

    @Test
    void aDownThatDropsIsCheckedToo() {
      JavaFileObject stock =
          migrationSource(
              "CreateParts",
              """
              @dev.strata.annotation.Migration(
                  version = 1,
                  up = "CREATE TABLE part (id INTEGER PRIMARY KEY); CREATE TABLE stock (\
              part_id INTEGER REFERENCES part ON DELETE CASCADE)",
                  down = "DROP TABLE part; DROP TABLE stock")
              class CreateParts {}
              """);

      assertOnlyErrorAt(compile(stock), "[CascadingDrop]", stock, "down = ");
    }
  }

  /**
   * After its check, a {@code down} leaves the replay as {@code up} left it, whether the replay
   * restores that state by running {@code up} again or by rolling back: what a wrong {@code down}
   * did must not reach the next migration.
   */
  @Nested
  class DownChecksLeaveTheStateAfterUp {
    private JavaFileObject withDown(String name, long version, String up, String down) {
      return migrationSource(
          name,
          """
          @dev.strata.annotation.Migration(version = %d, up = "%s", down = "%s")
          class %s {}
          """
              .formatted(version, up, down, name));
    }

    @Test
    void aTableThatDownAlsoDropsIsThereForTheNextMigration() {
      JavaFileObject pets =
          withDown(
              "CreatePets",
              2,
              "CREATE TABLE pet (id INTEGER PRIMARY KEY, name TEXT)",
              "DROP TABLE pet; DROP TABLE owner");

      Compilation c =
          compile(PARENT, pets, sql("AddOwner", 3, "INSERT INTO owner (name) VALUES ('a')"));

      assertThat(c).succeeded();
    }

    @Test
    void aTableThatDownCreatesIsNotThereForTheNextMigration() {
      JavaFileObject items =
          withDown(
              "CreateItems",
              1,
              "CREATE TABLE item (id INTEGER PRIMARY KEY)",
              "DROP TABLE item; CREATE TABLE leftover (x)");

      Compilation c = compile(items, sql("CreateLeftover", 2, "CREATE TABLE leftover (y)"));

      assertThat(c).succeeded();
    }

    @Test
    void rowsThatDownLeavesAreNotWrittenTwice() {
      // Written twice, the seed row would fail the unique index as data, which leaves the schema
      // unknown from there, and the bad column of version 4 unreported.
      JavaFileObject seed =
          withDown("SeedCodes", 2, "INSERT INTO code VALUES ('a')", "DROP VIEW IF EXISTS none");
      JavaFileObject typo = sql("AddCode", 4, "INSERT INTO code (valeu) VALUES ('b')");

      Compilation c =
          compile(
              sql("CreateCodes", 1, "CREATE TABLE code (value TEXT)"),
              seed,
              sql("UniqueCodes", 3, "CREATE UNIQUE INDEX code_value ON code (value)"),
              typo);

      assertOnlyErrorAt(c, "table code has no column named valeu", typo, "up = ");
    }

    @Test
    void aDownThatLeavesWhatUpCreatesIsStillChecked() {
      JavaFileObject items =
          withDown(
              "CreateItems",
              1,
              "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT); CREATE INDEX item_name ON"
                  + " item (name)",
              "DROP INDEX item_name; DROP INDEX item_name");

      Compilation c =
          compile(items, sql("NameIndex", 2, "CREATE INDEX item_name_again ON item (name)"));

      assertOnlyErrorAt(c, "no such index: item_name", items, "down = ");
    }
  }
}
