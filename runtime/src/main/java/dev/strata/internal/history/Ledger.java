package dev.strata.internal.history;

import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.ValidationIssue;
import dev.strata.ValidationIssue.Kind;
import dev.strata.spi.MigrationDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** The registry and the history side by side: the source of both info and validate. */
public final class Ledger {
  private final TreeMap<Long, MigrationDescriptor> registered;
  private final TreeMap<Long, HistoryRow> applied;
  private final long head;
  private final Set<Long> deadClaims;

  /** Claims are judged by pid alone: enough to plan a migrate, which judges each claim again. */
  public Ledger(List<MigrationDescriptor> registry, List<HistoryRow> history) {
    this(registry, history, deadByPid(history));
  }

  private static Set<Long> deadByPid(List<HistoryRow> history) {
    Set<Long> dead = new HashSet<>();
    for (HistoryRow row : history) {
      if (!row.success() && Claimant.isDead(row.installedBy())) {
        dead.add(row.version());
      }
    }
    return dead;
  }

  /** {@code deadClaims}: the versions of unfinished claims whose claimants are known dead. */
  public Ledger(
      List<MigrationDescriptor> registry, List<HistoryRow> history, Set<Long> deadClaims) {
    // Loops rather than streams: this runs at every start, mostly before the JIT has compiled it.
    this.deadClaims = Set.copyOf(deadClaims);
    this.registered = new TreeMap<>();
    for (MigrationDescriptor m : registry) {
      registered.putIfAbsent(m.version(), m);
    }
    this.applied = new TreeMap<>();
    long highest = 0;
    for (HistoryRow row : history) {
      applied.putIfAbsent(row.version(), row);
      if (row.success()) {
        highest = Math.max(highest, row.version());
      }
    }
    this.head = highest;
  }

  /** The highest successfully applied version, 0 when none. */
  public long head() {
    return head;
  }

  /**
   * Registered migrations not yet applied successfully, by version. Unfinished non-transactional
   * steps are included, so that a caller waits for them instead of overtaking them.
   */
  public List<MigrationDescriptor> unapplied() {
    List<MigrationDescriptor> unapplied = new ArrayList<>();
    for (MigrationDescriptor m : registered.values()) {
      HistoryRow row = applied.get(m.version());
      if (row == null || !row.success()) {
        unapplied.add(m);
      }
    }
    return Collections.unmodifiableList(unapplied);
  }

  public List<MigrationInfo> infos() {
    TreeMap<Long, MigrationInfo> infos = new TreeMap<>();
    for (MigrationDescriptor m : registered.values()) {
      HistoryRow row = applied.get(m.version());
      infos.put(m.version(), row != null ? row.toInfo(state(row)) : pendingInfo(m));
    }
    for (HistoryRow row : applied.values()) {
      if (!registered.containsKey(row.version())) {
        infos.put(
            row.version(), row.toInfo(row.success() ? MigrationState.MISSING : unfinished(row)));
      }
    }
    return List.copyOf(infos.values());
  }

  /**
   * Checksum, missing, failed and (unless allowed) out-of-order problems, by version. A step that
   * may still be running is no problem yet.
   */
  public List<ValidationIssue> issues(boolean outOfOrderAllowed) {
    List<ValidationIssue> issues = new ArrayList<>();
    long registryHead = registered.isEmpty() ? 0 : registered.lastKey();
    List<MigrationInfo> newer = new ArrayList<>();
    for (MigrationInfo info : infos()) {
      if (info.state() == MigrationState.MISSING && info.version() > registryHead) {
        newer.add(info);
        continue;
      }
      issue(info, outOfOrderAllowed).ifPresent(issues::add);
    }
    if (!newer.isEmpty()) {
      long dbHead = newer.get(newer.size() - 1).version();
      issues.add(
          ValidationIssue.ofVersion(
              Kind.NEWER_THAN_APPLICATION,
              dbHead,
              "The database is at version "
                  + dbHead
                  + ", newer than this application's "
                  + registryHead
                  + ", which usually means an older build is running against it ("
                  + (newer.size() == 1
                      ? "1 applied migration is"
                      : newer.size() + " applied migrations are")
                  + " newer than its registry); run the build that applied them"));
    }
    return issues;
  }

  private Optional<ValidationIssue> issue(MigrationInfo info, boolean outOfOrderAllowed) {
    long version = info.version();
    MigrationDescriptor m = registered.get(version);
    return switch (info.state()) {
      case MISSING ->
          Optional.of(
              ValidationIssue.ofVersion(
                  Kind.MISSING_FROM_REGISTRY,
                  version,
                  "Migration "
                      + version
                      + " ("
                      + info.description()
                      + ") is applied but no longer in the registry"));
      case OUT_OF_ORDER -> outOfOrderAllowed ? Optional.empty() : Optional.of(outOfOrder(m, head));
      case FAILED ->
          Optional.of(
              ValidationIssue.ofVersion(
                  Kind.FAILED_MIGRATION,
                  version,
                  applied.get(version).recordedFailed()
                      ? "Migration "
                          + version
                          + " ("
                          + info.description()
                          + (applied.get(version).rollback()
                              ? ") is recorded as FAILED, partly rolled back: "
                              : ") is recorded as FAILED, partly applied: ")
                          + applied.get(version).failure()
                      : "Migration "
                          + version
                          + " ("
                          + info.description()
                          + (applied.get(version).rollback()
                              ? ") had its down started by "
                              : ") was started by ")
                          + info.installedBy().orElse("?")
                          + " outside a transaction, and that process died before it finished"));
      case APPLIED, CREATED_FROM_ENTITIES ->
          m.checksum().equals(info.checksum())
              ? Optional.empty()
              : Optional.of(
                  ValidationIssue.ofVersion(
                      Kind.CHECKSUM_MISMATCH,
                      version,
                      "Migration "
                          + version
                          + " ("
                          + m.description()
                          + ") was changed after it was applied: "
                          + "applied "
                          + abbreviate(info.checksum())
                          + ", registry "
                          + abbreviate(m.checksum())));
      case PENDING, RUNNING -> Optional.empty();
    };
  }

  public static ValidationIssue outOfOrder(MigrationDescriptor m, long head) {
    return ValidationIssue.ofVersion(
        Kind.OUT_OF_ORDER,
        m.version(),
        "Migration "
            + m.version()
            + " ("
            + m.description()
            + ") is pending but older than the applied head "
            + head
            + "; enable outOfOrder to apply it");
  }

  private MigrationState state(HistoryRow row) {
    if (row.success()) {
      return row.createdFromEntities()
          ? MigrationState.CREATED_FROM_ENTITIES
          : MigrationState.APPLIED;
    }
    return unfinished(row);
  }

  /**
   * An unfinished row failed when it is recorded so or its claimant is known dead; otherwise it may
   * be running.
   */
  private MigrationState unfinished(HistoryRow row) {
    return row.recordedFailed() || deadClaims.contains(row.version())
        ? MigrationState.FAILED
        : MigrationState.RUNNING;
  }

  private MigrationInfo pendingInfo(MigrationDescriptor m) {
    MigrationState state =
        m.version() < head ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
    return new MigrationInfo(
        m.version(),
        m.description(),
        m.type(),
        m.checksum(),
        state,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty());
  }

  /**
   * {@code sha256:} and the first 12 hex digits: enough to tell two checksums apart in a message.
   */
  private static String abbreviate(String checksum) {
    int start = checksum.indexOf(':') + 1;
    return checksum.length() > start + 12 ? checksum.substring(0, start + 12) + "..." : checksum;
  }
}
