package dev.strata.sample.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job, end to end: what a user sees when the app starts. */
class InventoryAppTest {
  @TempDir Path dir;

  @Test
  void mainMigratesPrintsTheTableWritesTheDiagramBacksUpAndReportsHealth() throws Exception {
    Path db = dir.resolve("app/inventory.db");

    String first = run(db);
    String second = run(db);

    assertTrue(first.contains("Applied 8 migration(s): version 0 -> 8"), first);
    assertTrue(first.contains("Backfill part search names"), first);
    assertTrue(first.contains("APPLIED"), first);
    assertTrue(first.contains("Valid"), first);
    assertTrue(second.contains("Applied 0 migration(s): version 8 -> 8"), second);
    String diagram = Files.readString(db.resolveSibling("inventory.mmd"));
    assertTrue(diagram.startsWith("erDiagram"), diagram);
    assertTrue(diagram.contains("category |o--o{ category"), diagram);
    Path backup = db.resolveSibling("inventory-backup.zip");
    assertTrue(second.contains("Backup: " + backup + " (version 8, "), second);
    assertTrue(Files.size(backup) > 0);
    assertTrue(second.contains("Status:              UP"), second);
  }

  private static String run(Path db) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      InventoryApp.main(new String[] {db.toString()});
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
