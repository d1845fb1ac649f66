package dev.strata.cli;

import dev.strata.MigrationInfo;
import dev.strata.RepairOption;
import dev.strata.RepairResult;
import dev.strata.Strata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "repair",
    description = {
      "Repairs the history: removes the rows of failed steps and records the registry's checksum"
          + " for edited applied migrations. Without --yes, only says what it would change."
    })
final class RepairCommand extends DatabaseCommand {
  @Option(
      names = "--yes",
      description =
          "Make the changes. A failed non-transactional step may have left work behind:"
              + " look at it first.")
  boolean yes;

  @Override
  int run(Strata strata) {
    RepairResult result = yes ? strata.repair(RepairOption.CONFIRM) : strata.repair();
    if (result.nothingToRepair()) {
      out().println("Nothing to repair.");
      return ExitCode.OK;
    }
    String remove = yes ? "Removed" : "Would remove";
    String realign = yes ? "Realigned" : "Would realign";
    for (MigrationInfo failed : result.removed()) {
      out()
          .printf(
              "%s the %s row of %d %s%n",
              remove, failed.state(), failed.version(), failed.description());
    }
    for (RepairResult.Realignment edited : result.realigned()) {
      out()
          .printf(
              "%s the checksum of %d %s: %s -> %s%n",
              realign,
              edited.version(),
              edited.description(),
              edited.recordedChecksum(),
              edited.registryChecksum());
    }
    if (!yes) {
      out().println("Nothing changed: run 'strata repair --yes' to make these changes.");
    }
    return ExitCode.OK;
  }
}
