package dev.strata.cli;

import dev.strata.RestoreOption;
import dev.strata.RestoreResult;
import dev.strata.Strata;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "restore",
    description = {
      "Replaces the database with the one in FILE, a backup zip, after checking it whole (sha256,"
          + " integrity, foreign keys, and that its migrations are the application's). Refused,"
          + " changing nothing, if any check fails."
    })
final class RestoreCommand extends DatabaseCommand {
  @Parameters(paramLabel = "FILE", description = "A zip written by 'strata backup'.")
  Path file;

  @Option(
      names = "--force",
      description =
          "Restore a backup whose migrations are newer than, or differ from, the application's."
              + " The integrity checks still apply.")
  boolean force;

  @Override
  int run(Strata strata) {
    RestoreResult restore =
        force ? strata.restore(file, RestoreOption.FORCE) : strata.restore(file);
    out()
        .printf(
            "Restored version %d from %s (the database was at version %d): %d bytes, in %d ms.%n",
            restore.restoredVersion(),
            restore.file(),
            restore.previousVersion(),
            restore.databaseSizeBytes(),
            restore.checkTime().plus(restore.swapTime()).toMillis());
    for (String forced : restore.forcedPast()) {
      out().println("Forced past: " + forced);
    }
    return ExitCode.OK;
  }
}
