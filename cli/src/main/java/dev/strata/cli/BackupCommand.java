package dev.strata.cli;

import dev.strata.BackupResult;
import dev.strata.Strata;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "backup",
    description = {
      "Writes FILE, a zip of a consistent copy of the database and its manifest.json, while other"
          + " connections go on reading and writing. A crash never leaves a partial FILE."
    })
final class BackupCommand extends DatabaseCommand {
  @Parameters(paramLabel = "FILE", description = "The zip to write; replaced if it exists.")
  Path file;

  @Override
  int run(Strata strata) {
    BackupResult backup = strata.backup(file);
    out()
        .printf(
            "Backed up version %d to %s: %d bytes, sha256 %s, in %d ms.%n",
            backup.schemaVersion(),
            backup.file(),
            backup.databaseSizeBytes(),
            backup.sha256(),
            backup.copyTime().plus(backup.checkTime()).plus(backup.writeTime()).toMillis());
    return ExitCode.OK;
  }
}
