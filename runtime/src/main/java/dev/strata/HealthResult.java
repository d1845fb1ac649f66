package dev.strata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link Strata#health} found, read-only.
 *
 * @param status the verdict: {@link HealthStatus#DOWN} if any reason is fatal, else {@link
 *     HealthStatus#DEGRADED} if there is any reason, else {@link HealthStatus#UP}
 * @param reasons one sentence per problem, in the order found; empty exactly when {@code UP}
 * @param initialized whether the database has a {@code strata_history} table
 * @param currentVersion the highest successfully applied version, 0 when none
 * @param headVersion the application's latest registered version, 0 when none
 * @param pendingCount registered migrations not yet applied (pending or out of order)
 * @param failedSteps versions recorded as failed, or whose claimant died before finishing
 * @param unfinishedSteps versions whose step is claimed and may still be running
 * @param checksumMismatches applied versions edited since they were applied
 * @param fileSizeBytes the size of the database file; 0 when unknown (no file, in memory)
 * @param walSizeBytes the size of its {@code -wal} file; 0 when there is none
 * @param lastAppliedAt when the latest successful migration was applied
 * @param integrity the output of {@code PRAGMA quick_check} ({@code "ok"} when sound), only with
 *     {@link HealthOption#CHECK_INTEGRITY}
 */
public record HealthResult(
    HealthStatus status,
    List<String> reasons,
    boolean initialized,
    long currentVersion,
    long headVersion,
    int pendingCount,
    List<Long> failedSteps,
    List<Long> unfinishedSteps,
    List<Long> checksumMismatches,
    long fileSizeBytes,
    long walSizeBytes,
    Optional<Instant> lastAppliedAt,
    Optional<String> integrity) {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public HealthResult {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    failedSteps = List.copyOf(failedSteps);
    unfinishedSteps = List.copyOf(unfinishedSteps);
    checksumMismatches = List.copyOf(checksumMismatches);
    Objects.requireNonNull(lastAppliedAt, "lastAppliedAt");
    Objects.requireNonNull(integrity, "integrity");
  }

  /** Whether a readiness probe should pass: anything but {@link HealthStatus#DOWN}. */
  public boolean isReady() {
    return status != HealthStatus.DOWN;
  }

  /** One {@code name: value} line per field, then the reasons, one per line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    line(out, "Status", status.name());
    line(out, "Initialized", initialized ? "yes" : "no");
    line(out, "Current version", Long.toString(currentVersion));
    line(out, "Head version", Long.toString(headVersion));
    line(out, "Pending", Integer.toString(pendingCount));
    line(out, "Failed steps", versions(failedSteps));
    line(out, "Unfinished steps", versions(unfinishedSteps));
    line(out, "Checksum mismatches", versions(checksumMismatches));
    line(out, "File size (bytes)", Long.toString(fileSizeBytes));
    line(out, "WAL size (bytes)", Long.toString(walSizeBytes));
    line(out, "Last applied (UTC)", lastAppliedAt.map(AT::format).orElse("-"));
    line(out, "Integrity", integrity.orElse("not checked"));
    for (String reason : reasons) {
      out.append("- ").append(reason).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(String.format("%-20s %s", name + ":", value)).append('\n');
  }

  private static String versions(List<Long> versions) {
    return versions.isEmpty()
        ? "-"
        : versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
