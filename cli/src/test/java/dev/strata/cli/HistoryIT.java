package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli.Result;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The commands that change the history: {@code rollback}, {@code baseline}, {@code repair}. */
class HistoryIT extends InventoryCommandTest {
  private long currentVersion() throws Exception {
    Result info = strata("info", "--json");
    assertEquals(0, info.exitCode(), info.transcript());
    return Long.parseLong(info.out().replaceAll("(?s).*\"currentVersion\": (\\d+),.*", "$1"));
  }

  @Test
  void rollbackPreviewsThenRollsBackAndRefusesAnIrreversibleStep() throws Exception {
    assertEquals(0, strata("migrate").exitCode());

    Result plan = strata("rollback", "--to", "1", "--dry-run");
    assertEquals(0, plan.exitCode(), plan.transcript());
    assertEquals(
        """
        Would roll back from version 3 to 1:
          3 Seed parts
              (Java code)
          2 Add part notes
              ALTER TABLE part DROP COLUMN notes
        """,
        plan.out());
    assertEquals(3, currentVersion(), "a dry run changes nothing");

    Result rollback = strata("rollback", "--to", "1");
    assertEquals(0, rollback.exitCode(), rollback.transcript());
    assertTrue(
        rollback
            .out()
            .startsWith("Rolled back from version 3 to 1:\n  3 Seed parts\n  2 Add part notes\n"),
        rollback.transcript());
    String backup = rollback.out().replaceAll("(?s).*\nBackup: ([^\n]+)\n.*", "$1");
    assertTrue(Files.isRegularFile(dir.resolve(backup)), rollback.transcript());
    assertEquals(1, currentVersion());

    Result refused = strata("rollback", "--to", "0");
    assertEquals(1, refused.exitCode(), refused.transcript());
    assertEquals(1, refused.err().lines().count(), refused.transcript());
    assertTrue(refused.err().startsWith("strata rollback: "), refused.err());
    assertTrue(refused.err().contains("1 (Create parts)"), refused.err());
    assertEquals(1, currentVersion(), "the refusal changed nothing");
  }

  @Test
  void baselineTakesOverAnExistingDatabaseOnce() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    }

    Result baseline = strata("baseline", "1");
    assertEquals(0, baseline.exitCode(), baseline.transcript());
    assertEquals(
        "Baselined at version 1: 1 migration recorded as applied.\n  1 Create parts\n",
        baseline.out());

    Result migrate = strata("migrate");
    assertEquals(0, migrate.exitCode(), migrate.transcript());
    assertTrue(migrate.out().startsWith("[1/2] Applying 2 Add part notes\n"), migrate.out());
    assertEquals(3, currentVersion());

    Result again = strata("baseline", "1");
    assertEquals(1, again.exitCode(), again.transcript());
    assertEquals(1, again.err().lines().count(), again.transcript());
    assertTrue(again.err().startsWith("strata baseline: "), again.err());
  }

  @Test
  void repairReportsFirstAndChangesOnlyWithYes() throws Exception {
    classes = TestApp.inventory().withFailingStep().compile(dir.resolve("broken")).toString();
    assertEquals(1, strata("migrate").exitCode());
    assertEquals(1, strata("health").exitCode(), "a FAILED step is DOWN");

    Result report = strata("repair");
    assertEquals(0, report.exitCode(), report.transcript());
    assertEquals(
        "Would remove the FAILED row of 4 Copy legacy parts\n"
            + "Nothing changed: run 'strata repair --yes' to make these changes.\n",
        report.out());
    assertEquals(1, strata("health").exitCode(), "the report changed nothing");

    Result repair = strata("repair", "--yes");
    assertEquals(0, repair.exitCode(), repair.transcript());
    assertEquals("Removed the FAILED row of 4 Copy legacy parts\n", repair.out());
    Result health = strata("health", "--json");
    assertEquals(0, health.exitCode(), health.transcript());
    assertTrue(health.out().contains("\"status\": \"DEGRADED\""), health.out());
    assertTrue(health.out().contains("\"pendingCount\": 1,"), health.out());

    // An edited applied migration: repair records the registry's checksum.
    classes =
        TestApp.inventory()
            .add(
                "V3SeedParts",
                """
                @Migration(version = 3, description = "Seed parts")
                public final class V3SeedParts implements JavaMigration {
                  @Override public void up(MigrationContext ctx) throws Exception {
                    ctx.update("INSERT INTO part (name) VALUES (?)", "washer");
                  }
                }
                """)
            .compile(dir.resolve("edited"))
            .toString();
    assertEquals(1, strata("validate").exitCode());
    Result realign = strata("repair", "--yes");
    assertEquals(0, realign.exitCode(), realign.transcript());
    assertTrue(
        realign
            .out()
            .matches(
                "Realigned the checksum of 3 Seed parts: sha256:[0-9a-f]{64} ->"
                    + " sha256:[0-9a-f]{64}\n"),
        realign.out());
    Result valid = strata("validate");
    assertEquals(0, valid.exitCode(), valid.transcript());
    assertEquals("Nothing to repair.\n", strata("repair").out());
  }
}
