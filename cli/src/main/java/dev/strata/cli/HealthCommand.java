package dev.strata.cli;

import dev.strata.HealthOption;
import dev.strata.HealthResult;
import dev.strata.Strata;
import dev.strata.schema.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "health",
    description = {
      "A readiness probe: versions, pending, failed and edited steps, sizes, and one status, UP,"
          + " DEGRADED or DOWN, with the reasons. Read-only. Exits 1 when DOWN, else 0."
    })
final class HealthCommand extends DatabaseCommand {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(
      names = "--integrity",
      description = "Also run PRAGMA quick_check, which reads the whole file.")
  boolean integrity;

  @Override
  int run(Strata strata) {
    HealthResult health = integrity ? strata.health(HealthOption.CHECK_INTEGRITY) : strata.health();
    out().print(json ? Json.write(json(health)) : health.render());
    return health.isReady() ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static Map<String, Object> json(HealthResult health) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("status", health.status().name());
    document.put("reasons", health.reasons());
    document.put("initialized", health.initialized());
    document.put("currentVersion", health.currentVersion());
    document.put("headVersion", health.headVersion());
    document.put("pendingCount", (long) health.pendingCount());
    document.put("failedSteps", health.failedSteps());
    document.put("unfinishedSteps", health.unfinishedSteps());
    document.put("checksumMismatches", health.checksumMismatches());
    document.put("fileSizeBytes", health.fileSizeBytes());
    document.put("walSizeBytes", health.walSizeBytes());
    document.put("lastAppliedAt", health.lastAppliedAt().map(Instant::toString).orElse(null));
    document.put("integrity", health.integrity().orElse(null));
    return document;
  }
}
