package dev.strata.cli;

import dev.strata.MigrateResult;
import dev.strata.Strata;
import dev.strata.StrataBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "migrate",
    description = {
      "Applies every pending migration in version order, each exactly once, with its progress:"
          + " a live line when the output is a terminal, one line per step otherwise."
    })
final class MigrateCommand extends DatabaseCommand {
  @Option(
      names = "--to",
      paramLabel = "N",
      description = "Stop at version N (the target setting); default: the head.")
  Long target;

  private final Progress progress = new Progress();

  @Override
  void configure(StrataBuilder builder) {
    if (target != null) {
      builder.target(target);
    }
    builder.listener(progress);
  }

  @Override
  int run(Strata strata) {
    long started = System.nanoTime();
    long stop = target != null ? target : Long.MAX_VALUE;
    int steps = (int) strata.info().pending().stream().filter(m -> m.version() <= stop).count();
    progress.start(out(), Terminal.isTerminal(), steps);
    MigrateResult result;
    try {
      result = strata.migrate();
    } finally {
      progress.stop();
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (result.createdFromEntities()) {
      out()
          .printf("Created the schema from the entities at version %d.%n", result.currentVersion());
    } else if (result.appliedCount() == 0) {
      out().printf("Nothing to migrate: at version %d.%n", result.currentVersion());
    } else {
      out()
          .printf(
              "Migrated from version %d to %d: %d applied in %d ms.%n",
              result.initialVersion(), result.currentVersion(), result.appliedCount(), ms);
    }
    return ExitCode.OK;
  }
}
