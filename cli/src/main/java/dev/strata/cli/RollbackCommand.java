package dev.strata.cli;

import dev.strata.RollbackOption;
import dev.strata.RollbackResult;
import dev.strata.Strata;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "rollback",
    description = {
      "Runs the down of every applied migration above version N, highest first. Refuses, changing"
          + " nothing, when a step in range is irreversible."
    })
final class RollbackCommand extends DatabaseCommand {
  @Option(
      names = "--to",
      paramLabel = "N",
      required = true,
      description = "The version to roll back to; 0 undoes every migration.")
  long version;

  @Option(
      names = "--dry-run",
      description = "Print the plan, with the SQL each step's down runs, and change nothing.")
  boolean dryRun;

  @Override
  int run(Strata strata) {
    if (version < 0) {
      throw new ParameterException(
          spec.commandLine(), "--to must be a version, 0 or more, but is " + version);
    }
    RollbackResult result =
        dryRun ? strata.rollbackTo(version, RollbackOption.DRY_RUN) : strata.rollbackTo(version);
    if (result.steps().isEmpty()) {
      out().printf("Nothing to roll back: at version %d.%n", result.currentVersion());
      return ExitCode.OK;
    }
    out()
        .printf(
            "%s from version %d to %d:%n",
            dryRun ? "Would roll back" : "Rolled back",
            result.initialVersion(),
            result.targetVersion());
    for (RollbackResult.Step step : result.steps()) {
      out().printf("  %d %s%n", step.version(), step.description());
      if (dryRun) {
        for (String sql : step.downSql().orElse(List.of("(Java code)"))) {
          out().printf("      %s%n", StrataCli.oneLine(sql));
        }
      }
    }
    if (!dryRun) {
      result.backup().ifPresent(backup -> out().println("Backup: " + backup));
      result.backupNote().ifPresent(note -> out().println(capitalized(note) + "."));
    }
    return ExitCode.OK;
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
