package dev.strata.cli;

import dev.strata.BaselineResult;
import dev.strata.MigrationInfo;
import dev.strata.Strata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "baseline",
    description = {
      "Takes over a database that existed before Strata: records every registered migration up to"
          + " version N as applied, without running it."
    })
final class BaselineCommand extends DatabaseCommand {
  @Parameters(
      paramLabel = "N",
      description = "A registered version: the one whose schema the database already has.")
  long version;

  @Override
  int run(Strata strata) {
    BaselineResult result = strata.baseline(version);
    out()
        .printf(
            "Baselined at version %d: %d migration%s recorded as applied.%n",
            result.version(), result.recorded().size(), result.recorded().size() == 1 ? "" : "s");
    for (MigrationInfo migration : result.recorded()) {
      out().printf("  %d %s%n", migration.version(), migration.description());
    }
    return ExitCode.OK;
  }
}
