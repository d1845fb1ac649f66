package dev.strata.sample.inventory;

import dev.strata.BackupResult;
import dev.strata.MigrateResult;
import dev.strata.MigrationEvent;
import dev.strata.MigrationException;
import dev.strata.MigrationListener;
import dev.strata.Strata;
import dev.strata.StrataBuilder;
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
 * The parts-inventory app's start-up: bring its database to the newest version, say what happened,
 * write the ER diagram next to the database, take a backup and report health.
 *
 * <p>Usage: {@code InventoryApp [database-file]} for the embedded SQLite file (default {@code
 * inventory.db}), or {@code InventoryApp --url jdbc:postgresql://host/db?user=..} for a PostgreSQL
 * server, where the diagram goes to the directory in the system property {@code sample.outputDir}
 * (the working directory by default) and backups are the server's business.
 */
public final class InventoryApp {
  private static final String DIAGRAM = "META-INF/strata/schema.mmd";

  /** The listener below prints each step, so the engine's own log is kept for warnings. */
  private static final Logger ENGINE_LOG = Logger.getLogger("dev.strata");

  private InventoryApp() {}

  public static void main(String[] args) throws IOException {
    if (run(args, System.out) != 0) {
      System.exit(1);
    }
  }

  /** The start-up, printed to {@code out}; returns the exit status: 0, or 1 when not valid. */
  static int run(String[] args, PrintStream out) throws IOException {
    boolean server = args.length > 0 && args[0].equals("--url");
    if (server && args.length != 2) {
      throw new IllegalArgumentException("--url needs a JDBC URL, e.g. jdbc:postgresql://host/db");
    }
    Path database =
        server ? null : Path.of(args.length > 0 ? args[0] : "inventory.db").toAbsolutePath();
    ENGINE_LOG.setLevel(Level.WARNING);
    out.println("Strata sample: parts inventory");
    StrataBuilder builder;
    Path beside;
    if (server) {
      // The URL may hold a password: print only where it points.
      out.println("Database: " + args[1].replaceAll("\\?.*", ""));
      builder = Strata.configure().url(args[1]);
      beside = Path.of(System.getProperty("sample.outputDir", "")).toAbsolutePath();
    } else {
      Files.createDirectories(database.getParent());
      out.println("Database: " + database);
      builder = Strata.configure().url(database.toString());
      beside = database.getParent();
    }

    Strata strata = builder.listener(progress(out)).load();
    MigrateResult result = strata.migrate();
    out.printf(
        "Applied %d migration(s): version %d -> %d%n%n",
        result.appliedCount(), result.initialVersion(), result.currentVersion());
    out.print(strata.info().render());

    ValidateResult validation = strata.validate();
    out.println();
    out.print(validation.render());

    Path diagram = writeDiagram(beside.resolve("inventory.mmd"));
    out.println("ER diagram (Mermaid): " + diagram);

    if (server) {
      out.println("Backup: on PostgreSQL, use the server's own tools (pg_dump, base backups)");
      out.println();
    } else {
      BackupResult backup = strata.backup(beside.resolve("inventory-backup.zip"));
      out.printf(
          "Backup: %s (version %d, %d bytes, sha256 %s)%n%n",
          backup.file(), backup.schemaVersion(), backup.databaseSizeBytes(), backup.sha256());
    }
    out.print(strata.health().render());
    return validation.valid() ? 0 : 1;
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
