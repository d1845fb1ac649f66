package dev.strata.cli;

import dev.strata.InfoResult;
import dev.strata.MigrationInfo;
import dev.strata.Strata;
import dev.strata.schema.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "info",
    description = {
      "Lists every migration with its state, as a table. Read-only; creates no database."
    })
final class InfoCommand extends DatabaseCommand {
  @Option(names = "--json", description = "Print JSON instead of the table.")
  boolean json;

  @Override
  int run(Strata strata) {
    InfoResult info = strata.info();
    if (json) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("currentVersion", info.currentVersion());
      document.put("pending", (long) info.pending().size());
      document.put("migrations", info.migrations().stream().map(InfoCommand::json).toList());
      out().print(Json.write(document));
    } else {
      out().print(info.render());
      out()
          .printf(
              "Current version: %d. Pending: %d.%n", info.currentVersion(), info.pending().size());
    }
    return ExitCode.OK;
  }

  /** One migration, with null for what the history does not record. */
  static Map<String, Object> json(MigrationInfo migration) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("version", migration.version());
    row.put("description", migration.description());
    row.put("type", migration.type() == null ? null : migration.type().name());
    row.put("checksum", migration.checksum());
    row.put("state", migration.state().name());
    row.put("installedOn", migration.installedOn().map(Instant::toString).orElse(null));
    row.put("installedBy", migration.installedBy().orElse(null));
    row.put(
        "executionMs",
        migration.executionMs().isPresent() ? migration.executionMs().getAsLong() : null);
    return row;
  }
}
