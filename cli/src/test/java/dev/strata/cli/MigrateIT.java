package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code migrate}, {@code info}, {@code validate} and {@code health} through the real jar. */
class MigrateIT extends InventoryCommandTest {
  @Test
  void migratePrintsOneLinePerStepEventWhenStdoutIsNotATerminal() throws Exception {
    Result first = strata("migrate");

    assertEquals(0, first.exitCode(), first.transcript());
    assertEquals("", first.err(), first.transcript());
    List<String> lines = first.out().lines().toList();
    List<String> expected =
        List.of(
            "[1/3] Applying 1 Create parts",
            "[1/3] Applied 1 Create parts (# ms)",
            "[2/3] Applying 2 Add part notes",
            "[2/3] Applied 2 Add part notes (# ms)",
            "[3/3] Applying 3 Seed parts",
            "[3/3] Applied 3 Seed parts (# ms)",
            "Migrated from version 0 to 3: 3 applied in # ms.");
    assertEquals(expected, lines.stream().map(l -> l.replaceAll("\\d+ ms", "# ms")).toList());
    assertFalse(first.out().contains("\r"), "no live line when stdout is a file");

    Result second = strata("migrate");
    assertEquals(0, second.exitCode(), second.transcript());
    assertEquals("Nothing to migrate: at version 3.\n", second.out());
  }

  @Test
  void migrateToStopsAtTheTargetAndInfoShowsTheRestPending() throws Exception {
    Result migrate = strata("migrate", "--to", "2");
    assertEquals(0, migrate.exitCode(), migrate.transcript());
    assertTrue(
        migrate.out().matches("(?s).*\nMigrated from version 0 to 2: 2 applied in \\d+ ms\\.\n"),
        migrate.transcript());
    assertTrue(migrate.out().startsWith("[1/2] Applying 1 Create parts\n"), migrate.transcript());

    Result info = strata("info");
    assertEquals(0, info.exitCode(), info.transcript());
    List<String> table = info.out().lines().toList();
    // Rule, header, rule, three rows, rule, then the summary: every table line equally wide.
    assertEquals(8, table.size(), info.transcript());
    assertEquals(1, table.subList(0, 7).stream().mapToInt(String::length).distinct().count());
    assertTrue(table.get(1).matches("\\| Version +\\| Description +\\| Type +\\| State .*"));
    assertTrue(table.get(3).matches("\\| 1 +\\| Create parts +\\| SQL +\\| APPLIED .*"));
    assertTrue(table.get(5).matches("\\| 3 +\\| Seed parts +\\| JAVA +\\| PENDING .*"));
    assertEquals("Current version: 2. Pending: 1.", table.get(7));

    Result json = strata("info", "--json");
    assertEquals(0, json.exitCode(), json.transcript());
    String text = json.out();
    assertTrue(text.startsWith("{\n  \"currentVersion\": 2,\n  \"pending\": 1,\n"), text);
    assertTrue(
        Pattern.compile(
                "\\{\n      \"version\": 3,\n      \"description\": \"Seed parts\",\n"
                    + "      \"type\": \"JAVA\",\n      \"checksum\": \"sha256:[0-9a-f]{64}\",\n"
                    + "      \"state\": \"PENDING\",\n      \"installedOn\": null,\n"
                    + "      \"installedBy\": null,\n      \"executionMs\": null\n    }")
            .matcher(text)
            .find(),
        text);
    assertTrue(
        Pattern.compile("\"state\": \"APPLIED\",\n      \"installedOn\": \"\\d{4}-\\d\\d-\\d\\dT")
            .matcher(text)
            .find(),
        text);
  }

  @Test
  void validateAndHealthReportInTextAndJsonWithTheirExitCodes() throws Exception {
    assertEquals(0, strata("migrate").exitCode());

    Result valid = strata("validate");
    assertEquals(0, valid.exitCode(), valid.transcript());
    assertEquals("Valid: no issues.\n", valid.out());
    Result validJson = strata("validate", "--json");
    assertEquals(
        "{\n"
            + "  \"valid\": true,\n"
            + "  \"pending\": 0,\n"
            + "  \"driftSkipped\": false,\n"
            + "  \"issues\": []\n"
            + "}\n",
        validJson.out(),
        validJson.transcript());

    Result health = strata("health", "--json");
    assertEquals(0, health.exitCode(), health.transcript());
    String expected =
        """
        {
          "status": "UP",
          "reasons": [],
          "initialized": true,
          "currentVersion": 3,
          "headVersion": 3,
          "pendingCount": 0,
          "failedSteps": [],
          "unfinishedSteps": [],
          "checksumMismatches": [],
          "fileSizeBytes": #,
          "walSizeBytes": #,
          "lastAppliedAt": "#",
          "integrity": null
        }
        """;
    assertEquals(
        expected,
        health.out().replaceAll("(Bytes\": )\\d+", "$1#").replaceAll("(At\": \")[^\"]+", "$1#"));
    Result healthText = strata("health", "--integrity");
    assertEquals(0, healthText.exitCode(), healthText.transcript());
    assertTrue(healthText.out().startsWith("Status:              UP\n"), healthText.out());
    assertTrue(healthText.out().contains("Integrity:           ok\n"), healthText.out());

    // Version 2 edited after it was applied: validate fails, health degrades but stays ready.
    String edited =
        TestApp.inventory()
            .add(
                "V2AddNotes",
                """
                @Migration(version = 2, description = "Add part notes",
                    up = "ALTER TABLE part ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
                public final class V2AddNotes {}
                """)
            .compile(dir.resolve("v2"))
            .toString();
    classes = edited;
    Result invalid = strata("validate");
    assertEquals(1, invalid.exitCode(), invalid.transcript());
    assertTrue(invalid.out().startsWith("1 issue:\n  CHECKSUM_MISMATCH  "), invalid.out());
    assertEquals("", invalid.err());
    Result invalidJson = strata("validate", "--json");
    assertEquals(1, invalidJson.exitCode(), invalidJson.transcript());
    assertTrue(
        invalidJson
            .out()
            .contains(
                "\"issues\": [\n    {\n      \"kind\": \"CHECKSUM_MISMATCH\",\n"
                    + "      \"version\": 2,\n      \"subject\": \"version 2\",\n"),
        invalidJson.out());
    Result degraded = strata("health", "--json");
    assertEquals(0, degraded.exitCode(), degraded.transcript());
    assertTrue(degraded.out().contains("\"status\": \"DEGRADED\""), degraded.out());
    assertTrue(degraded.out().contains("\"checksumMismatches\": [\n    2\n  ]"), degraded.out());

    // Migrate refuses to run over the edit: exit 1, one line on stderr.
    Result refused = strata("migrate");
    assertEquals(1, refused.exitCode(), refused.transcript());
    assertEquals(1, refused.err().lines().count(), refused.transcript());
    assertTrue(
        refused.err().startsWith("strata migrate: Refusing to migrate: 1 issue: CHECKSUM_MISMATCH"),
        refused.err());
  }

  @Test
  void healthOfAMissingDatabaseIsDownAndExitsOne() throws Exception {
    Result health = strata("health");
    assertEquals(1, health.exitCode(), health.transcript());
    assertTrue(health.out().startsWith("Status:              DOWN\n"), health.out());
    assertFalse(Files.exists(Path.of(db)), "health creates no database");
  }

  @Test
  void aFailedMigrationExitsOneWithOneLineOnStderrAndTheTraceOnlyWhenVerbose() throws Exception {
    classes = TestApp.inventory().withFailingStep().compile(dir.resolve("broken")).toString();

    Result failed = strata("migrate");
    assertEquals(1, failed.exitCode(), failed.transcript());
    List<String> err = failed.err().lines().toList();
    assertEquals(1, err.size(), failed.transcript());
    assertTrue(
        err.get(0).startsWith("strata migrate: Migration 4 (Copy legacy parts) failed"),
        failed.transcript());
    assertTrue(err.get(0).contains("no such table: legacy_part"), failed.transcript());
    assertTrue(
        failed.out().contains("[3/4] Applied 3 Seed parts")
            && failed.out().contains("[4/4] Failed 4 Copy legacy parts ("),
        failed.transcript());

    Result verbose = strata("migrate", "--verbose");
    assertEquals(1, verbose.exitCode(), verbose.transcript());
    assertTrue(verbose.err().startsWith("strata migrate: Migration 4"), verbose.transcript());
    assertTrue(verbose.err().contains("\tat dev.strata."), verbose.transcript());
  }

  @Test
  void migrateShowsALiveLineOnATerminal() throws Exception {
    // util-linux script(1) runs the command on a pseudo-terminal, as an operator's shell would.
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ", List.of(java, "-jar", Cli.JAR.toString(), "migrate", "--url", db, "-cp", classes));
    Result run = cli.exec(List.of("/usr/bin/script", "-qec", command, "/dev/null"));

    assertEquals(0, run.exitCode(), run.transcript());
    String screen = run.out();
    assertTrue(
        Pattern.compile(
                "\r\\[-{24}\\] \\[1/3\\] 1 Create parts  \\d+\\.\\d s \\(total \\d+\\.\\d s\\)")
            .matcher(screen)
            .find(),
        screen);
    assertTrue(
        Pattern.compile("\r\\[#{8}-{16}\\] \\[2/3\\] 2 Add part notes").matcher(screen).find(),
        screen);
    assertTrue(screen.contains("[3/3] Applied 3 Seed parts ("), screen);
    assertFalse(screen.contains("Applying"), "the live line replaces the plain start lines");
    assertTrue(screen.contains("Migrated from version 0 to 3: 3 applied in "), screen);
  }
}
