package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli.Result;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code backup} and {@code restore} through the real jar, and rollback's automatic backup. */
class BackupIT extends InventoryCommandTest {
  @Test
  void backupThenRestoreReturnsToTheBackedUpVersion() throws Exception {
    assertEquals(0, strata("migrate", "--to", "2").exitCode());

    Result backup = strata("backup", "v2.zip");
    assertEquals(0, backup.exitCode(), backup.transcript());
    assertTrue(
        backup
            .out()
            .matches(
                "Backed up version 2 to \\S+v2\\.zip: \\d+ bytes, sha256 [0-9a-f]{64}, in \\d+"
                    + " ms\\.\n"),
        backup.out());
    assertTrue(Files.size(dir.resolve("v2.zip")) > 0);

    assertEquals(0, strata("migrate").exitCode());
    Result restore = strata("restore", "v2.zip");
    assertEquals(0, restore.exitCode(), restore.transcript());
    assertTrue(
        restore
            .out()
            .matches(
                "Restored version 2 from \\S+v2\\.zip \\(the database was at version 3\\): \\d+"
                    + " bytes, in \\d+ ms\\.\n"),
        restore.out());
    Result info = strata("info");
    assertTrue(info.out().endsWith("Current version: 2. Pending: 1.\n"), info.out());
  }

  @Test
  void restoreRefusesANewerBackupUnlessForcedAndABadFileAlways() throws Exception {
    assertEquals(0, strata("migrate").exitCode());
    assertEquals(0, strata("backup", "v3.zip").exitCode());
    classes = TestApp.inventory().without("V3SeedParts").compile(dir.resolve("v2")).toString();

    Result refused = strata("restore", "v3.zip");
    assertEquals(1, refused.exitCode(), refused.transcript());
    assertEquals(1, refused.err().lines().count(), refused.transcript());
    assertTrue(refused.err().startsWith("strata restore: "), refused.err());
    assertTrue(refused.err().contains("newer than the application's"), refused.err());

    Result forced = strata("restore", "v3.zip", "--force");
    assertEquals(0, forced.exitCode(), forced.transcript());
    assertTrue(forced.out().contains("\nForced past: "), forced.out());

    Files.writeString(dir.resolve("junk.zip"), "not a zip");
    Result junk = strata("restore", "junk.zip");
    assertEquals(1, junk.exitCode(), junk.transcript());
    assertEquals(1, junk.err().lines().count(), junk.transcript());

    Result missingArgument = strata("backup");
    assertEquals(2, missingArgument.exitCode(), missingArgument.transcript());
  }
}
