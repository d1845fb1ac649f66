package dev.strata.sample.inventory;

import dev.strata.BackupResult;
import dev.strata.MigrateResult;
import dev.strata.MigrationEvent;
import dev.strata.MigrationException;
import dev.strata.MigrationListener;
import dev.strata.Strata;
import dev.strata.ValidateResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The parts-inventory app's start-up: bring its embedded SQLite database to the newest version, say
 * what happened, write the ER diagram next to the database, take a backup and report health.
 *
 * <p>Usage: {@code InventoryApp [database-file]}; defaults to {@code inventory.db}.
 */
public final class InventoryApp {
  private static final String DIAGRAM = "META-INF/strata/schema.mmd";

  /** The listener below prints each step, so the engine's own log is kept for warnings. */
  private static final Logger ENGINE_LOG = Logger.getLogger("dev.strata");

  private InventoryApp() {}

  public static void main(String[] args) throws IOException {
    Path database = Path.of(args.length > 0 ? args[0] : "inventory.db").toAbsolutePath();
    Files.createDirectories(database.getParent());
    ENGINE_LOG.setLevel(Level.WARNING);
    PrintStream out = System.out;
    out.println("Strata sample: parts inventory");
    out.println("Database: " + database);

    Strata strata = Strata.configure().url(database.toString()).listener(progress(out)).load();
    MigrateResult result = strata.migrate();
    out.printf(
        "Applied %d migration(s): version %d -> %d%n%n",
        result.appliedCount(), result.initialVersion(), result.currentVersion());
    out.print(strata.info().render());

    ValidateResult validation = strata.validate();
    out.println();
    out.print(validation.render());

    Path diagram = writeDiagram(database.resolveSibling("inventory.mmd"));
    out.println("ER diagram (Mermaid): " + diagram);

    BackupResult backup = strata.backup(database.resolveSibling("inventory-backup.zip"));
    out.printf(
        "Backup: %s (version %d, %d bytes, sha256 %s)%n%n",
        backup.file(), backup.schemaVersion(), backup.databaseSizeBytes(), backup.sha256());
    out.print(strata.health().render());
    if (!validation.valid()) {
      System.exit(1);
    }
  }

  private static MigrationListener progress(PrintStream out) {
    return new MigrationListener() {
      @Override
      public void finished(MigrationEvent migration, Duration elapsed) {
        out.printf(
            "  applied %d %s (%d ms)%n",
            migration.version(), migration.description(), elapsed.toMillis());
      }

      @Override
      public void failed(MigrationEvent migration, MigrationException error, Duration elapsed) {
        out.printf("  FAILED %d %s: %s%n", migration.version(), migration.description(), error);
      }
    };
  }

  /** Copies the processor's diagram out of the classpath, where tools can open it. */
  private static Path writeDiagram(Path target) throws IOException {
    try (InputStream in = InventoryApp.class.getClassLoader().getResourceAsStream(DIAGRAM)) {
      if (in == null) {
        throw new IOException(DIAGRAM + " is missing: was the Strata processor run?");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
