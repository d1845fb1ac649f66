package dev.strata.internal.engine;

import dev.strata.HealthOption;
import dev.strata.HealthResult;
import dev.strata.HealthStatus;
import dev.strata.InfoResult;
import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.StrataException;
import dev.strata.ValidationIssue;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.Connections;
import dev.strata.internal.sqlite.MissingDatabaseException;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link dev.strata.Strata#health}: one read-only connection, the history read once through the
 * {@link Ledger} (the source of info and validate), the file sizes from the file system, and {@code
 * PRAGMA quick_check} only when asked. It never throws for the database's state: what goes wrong is
 * a reason, and a status.
 *
 * <p>The status rules: DOWN when the database cannot be opened or read, is missing, has a failed
 * step, is newer than the application, or fails the integrity check; DEGRADED when migrations are
 * pending or out of order, an applied migration was edited or is missing from the registry, or a
 * step may still be running; UP otherwise.
 */
final class HealthCheck {
  private static final int MAX_INTEGRITY_LINES = 10;

  private final Settings settings;
  private final Set<HealthOption> options;

  private final List<String> down = new ArrayList<>();
  private final List<String> degraded = new ArrayList<>();
  private boolean initialized;
  private long currentVersion;
  private int pendingCount;
  private List<Long> failed = List.of();
  private List<Long> unfinished = List.of();
  private List<Long> checksums = List.of();
  private Optional<Instant> lastAppliedAt = Optional.empty();
  private Optional<String> integrity = Optional.empty();

  /** The integrity of a PostgreSQL database, which has no quick_check to ask. */
  static final String NO_QUICK_CHECK =
      "not checked: PostgreSQL has no quick_check; use data checksums or the amcheck extension";

  private long fileSize;
  private long walSize;

  HealthCheck(Settings settings, HealthOption... options) {
    this.settings = settings;
    this.options = Set.copyOf(Arrays.asList(options));
  }

  HealthResult run() {
    Connections connections = settings.connections();
    try (Connection connection = connections.openReadOnly()) {
      read(connection);
    } catch (MissingDatabaseException e) {
      down.add("no database: " + e.getMessage());
    } catch (SQLException | StrataException e) {
      down.add("cannot read the database: " + e.getMessage());
    }
    List<String> reasons = new ArrayList<>(down);
    reasons.addAll(degraded);
    HealthStatus status =
        !down.isEmpty()
            ? HealthStatus.DOWN
            : degraded.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED;
    List<MigrationDescriptor> all = settings.migrations();
    long head = all.isEmpty() ? 0 : all.get(all.size() - 1).version();
    return new HealthResult(
        status,
        reasons,
        initialized,
        currentVersion,
        head,
        pendingCount,
        failed,
        unfinished,
        checksums,
        fileSize,
        walSize,
        lastAppliedAt,
        integrity);
  }

  private void read(Connection connection) throws SQLException {
    sizes(connection);
    initialized = historyExists(connection);
    List<HistoryRow> rows = new HistoryTable(connection).rows();
    Ledger ledger = new Ledger(settings.migrations(), rows, ClaimLock.deadClaims(connection, rows));
    InfoResult info = new InfoResult(ledger.infos());
    currentVersion = info.currentVersion();
    pendingCount = info.pending().size();
    failed = versions(info, MigrationState.FAILED);
    unfinished = versions(info, MigrationState.RUNNING);
    lastAppliedAt =
        rows.stream()
            .filter(HistoryRow::success)
            .map(HistoryRow::installedOn)
            .max(Instant::compareTo);
    List<Long> edited = new ArrayList<>();
    for (ValidationIssue issue : ledger.issues(settings.outOfOrder())) {
      switch (issue.kind()) {
        case FAILED_MIGRATION, NEWER_THAN_APPLICATION -> down.add(issue.message());
        case CHECKSUM_MISMATCH -> {
          edited.add(issue.version().orElseThrow());
          degraded.add(issue.message());
        }
        default -> degraded.add(issue.message());
      }
    }
    checksums = List.copyOf(edited);
    List<String> changedRepeatables =
        new Repeatables(settings, connection)
            .infos().stream()
                .filter(m -> m.state() == MigrationState.PENDING)
                .map(MigrationInfo::description)
                .toList();
    if (!changedRepeatables.isEmpty()) {
      degraded.add(
          "Repeatable migration"
              + (changedRepeatables.size() == 1 ? " " : "s ")
              + String.join(", ", changedRepeatables)
              + (changedRepeatables.size() == 1 ? " is" : " are")
              + " new or changed and not yet applied: migrate() re-applies "
              + (changedRepeatables.size() == 1 ? "it" : "them"));
    }
    if (pendingCount > 0) {
      degraded.add(
          pendingCount
              + (pendingCount == 1 ? " migration is" : " migrations are")
              + " pending: the database is at version "
              + currentVersion
              + ", the application at "
              + (settings.migrations().isEmpty()
                  ? 0
                  : settings.migrations().get(settings.migrations().size() - 1).version()));
    }
    for (long version : unfinished) {
      degraded.add("Migration " + version + " is claimed and may still be running");
    }
    if (options.contains(HealthOption.CHECK_INTEGRITY)) {
      if (Dialect.of(connection) != Dialect.SQLITE) {
        // No quick_check there: the server checks its pages itself (data checksums, amcheck).
        integrity = Optional.of(NO_QUICK_CHECK);
        return;
      }
      String found = quickCheck(connection);
      integrity = Optional.of(found);
      if (!found.equals("ok")) {
        down.add("PRAGMA quick_check failed: " + found);
      }
    }
  }

  private static List<Long> versions(InfoResult info, MigrationState state) {
    return info.migrations().stream()
        .filter(m -> m.state() == state)
        .map(MigrationInfo::version)
        .toList();
  }

  private static boolean historyExists(Connection connection) throws SQLException {
    return new HistoryTable(connection).exists();
  }

  /**
   * The main file's size and its WAL's, found through {@code PRAGMA database_list}; on PostgreSQL
   * the database's size on the server, {@code pg_database_size}, with no WAL of its own.
   */
  private void sizes(Connection connection) throws SQLException {
    if (Dialect.of(connection) != Dialect.SQLITE) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
        fileSize = rs.next() ? rs.getLong(1) : 0;
      }
      return;
    }
    String file = null;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
      while (rs.next()) {
        if ("main".equals(rs.getString(2))) {
          file = rs.getString(3);
        }
      }
    }
    if (file == null || file.isEmpty()) {
      return; // in memory, or a temporary database
    }
    try {
      Path path = Path.of(file);
      fileSize = Files.size(path);
      Path wal = Path.of(file + "-wal");
      walSize = Files.exists(wal) ? Files.size(wal) : 0;
    } catch (IOException | RuntimeException e) {
      degraded.add("cannot read the size of " + file + ": " + e.getMessage());
    }
  }

  /** The rows of {@code PRAGMA quick_check}, joined: {@code "ok"} when the file is sound. */
  private static String quickCheck(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA quick_check(" + MAX_INTEGRITY_LINES + ")")) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("; ", lines);
  }
}
