package dev.strata.internal.engine;

import dev.strata.MigrationException;
import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.MigrationType;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.UtcInstants;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Repeatable migrations ({@link RepeatableDescriptor}), run after the versioned ones by ascending
 * description, each again whenever its checksum differs from the one last applied.
 *
 * <p><b>History.</b> {@code strata_history.version} is {@code NOT NULL UNIQUE CHECK (version > 0)},
 * and changing that would need a new history format and a rebuild of the table. Repeatables are
 * therefore recorded in a companion table, {@value #TABLE}, with one row per description (its key):
 * the checksum last applied, when, by whom, how long it took and how many times it ran. The table
 * is created only when the registry lists a repeatable, and {@code info()} shows each repeatable
 * with version 0 and type {@link MigrationType#REPEATABLE}.
 *
 * <p><b>Exactly once.</b> A repeatable whose recorded checksum differs takes the write lock through
 * {@link HistoryLock} ({@code BEGIN IMMEDIATE}), reads its row again under the lock, and skips when
 * another caller applied this checksum meanwhile; otherwise its statements and its row commit in
 * that one transaction. A statement that ends the transaction fails the repeatable.
 */
final class Repeatables {
  static final String TABLE = Strata.REPEATABLES_TABLE;

  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + """
           (
            description  TEXT    PRIMARY KEY NOT NULL,
            checksum     TEXT    NOT NULL,
            installed_on TEXT    NOT NULL,
            installed_by TEXT    NOT NULL,
            execution_ms INTEGER NOT NULL,
            runs         INTEGER NOT NULL
          )\
          """;

  private static final String SAVEPOINT = "strata_repeatable";

  private final Settings settings;
  private final Connection connection;

  Repeatables(Settings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /** The registry's repeatables by description; a description listed twice is an error. */
  static List<RepeatableDescriptor> ordered(MigrationRegistry registry) {
    if (registry.repeatables().isEmpty()) {
      return List.of(); // most registries: no sorting machinery to load at start-up
    }
    List<RepeatableDescriptor> sorted =
        registry.repeatables().stream()
            .sorted(Comparator.comparing(RepeatableDescriptor::description))
            .toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).description().equals(sorted.get(i - 1).description())) {
        throw new StrataException(
            "The registry "
                + registry.getClass().getName()
                + " lists the repeatable migration '"
                + sorted.get(i).description()
                + "' twice ("
                + sorted.get(i - 1).source()
                + ", "
                + sorted.get(i).source()
                + "); descriptions identify repeatables and must be unique");
      }
    }
    return sorted;
  }

  /** Applies each repeatable whose checksum changed; returns what this caller applied. */
  List<MigrationInfo> run() throws SQLException {
    if (settings.repeatables().isEmpty()) {
      return List.of();
    }
    Busy.retry(
        connection,
        "the write lock to create " + TABLE,
        settings.lockTimeout(),
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
          }
          return null;
        });
    Map<String, Row> seen =
        Busy.retry(connection, "a read of " + TABLE, settings.lockTimeout(), this::rows);
    List<MigrationInfo> applied = new ArrayList<>();
    for (RepeatableDescriptor repeatable : settings.repeatables()) {
      Row row = seen.get(repeatable.description());
      if (row == null || !row.checksum().equals(repeatable.checksum())) {
        apply(repeatable).ifPresent(applied::add);
      }
    }
    return applied;
  }

  private Optional<MigrationInfo> apply(RepeatableDescriptor repeatable) throws SQLException {
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            settings.lockTimeout(),
            "the write lock to apply repeatable migration '" + repeatable.description() + "'")) {
      Row row = rows().get(repeatable.description());
      if (row != null && row.checksum().equals(repeatable.checksum())) {
        return Optional.empty(); // another caller applied it meanwhile
      }
      long start = System.nanoTime();
      execute("SAVEPOINT " + SAVEPOINT);
      List<String> up = repeatable.up();
      for (int i = 0; i < up.size(); i++) {
        try {
          execute(up.get(i));
        } catch (SQLException e) {
          throw MigrationException.failedAt(
              0, "repeatable " + repeatable.description(), up.get(i), (i + 1) + " of up", e);
        }
      }
      try {
        execute("RELEASE " + SAVEPOINT);
      } catch (SQLException e) {
        throw new MigrationException(
            0,
            "repeatable " + repeatable.description(),
            "ended the engine's transaction; leave transactions to the engine");
      }
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      Instant now = Instant.now();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (description, checksum, installed_on, installed_by, execution_ms, runs)"
                  + " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (description) DO UPDATE SET"
                  + " checksum = excluded.checksum, installed_on = excluded.installed_on,"
                  + " installed_by = excluded.installed_by, execution_ms = excluded.execution_ms,"
                  // Qualified: PostgreSQL finds a bare "runs" ambiguous beside excluded.runs.
                  + " runs = "
                  + TABLE
                  + ".runs + 1")) {
        ps.setString(1, repeatable.description());
        ps.setString(2, repeatable.checksum());
        ps.setString(3, UtcInstants.format(now));
        ps.setString(4, settings.installedBy());
        ps.setLong(5, ms);
        ps.executeUpdate();
      }
      lock.commit();
      return Optional.of(
          info(
              repeatable.description(),
              repeatable.checksum(),
              MigrationState.APPLIED,
              new Row(repeatable.checksum(), now, settings.installedBy(), ms)));
    }
  }

  /**
   * Each registered repeatable (APPLIED when its recorded checksum is the registry's, else
   * PENDING), then each recorded one the registry no longer lists (MISSING). Reads only; a missing
   * table means nothing was applied.
   */
  List<MigrationInfo> infos() throws SQLException {
    Map<String, Row> rows = exists() ? rows() : Map.of();
    return infos(settings.repeatables(), rows);
  }

  /** Whether every registered repeatable is recorded with its checksum; reads only. */
  boolean current() throws SQLException {
    if (settings.repeatables().isEmpty()) {
      return true;
    }
    if (!exists()) {
      return false;
    }
    Map<String, Row> rows = rows();
    return settings.repeatables().stream()
        .allMatch(
            r ->
                rows.containsKey(r.description())
                    && rows.get(r.description()).checksum().equals(r.checksum()));
  }

  /** For a database that does not exist: every repeatable is pending. */
  static List<MigrationInfo> pending(Settings settings) {
    return infos(settings.repeatables(), Map.of());
  }

  private static List<MigrationInfo> infos(
      List<RepeatableDescriptor> repeatables, Map<String, Row> rows) {
    List<MigrationInfo> infos = new ArrayList<>();
    Map<String, Row> unregistered = new TreeMap<>(rows);
    for (RepeatableDescriptor repeatable : repeatables) {
      Row row = unregistered.remove(repeatable.description());
      boolean current = row != null && row.checksum().equals(repeatable.checksum());
      infos.add(
          info(
              repeatable.description(),
              repeatable.checksum(),
              current ? MigrationState.APPLIED : MigrationState.PENDING,
              row));
    }
    unregistered.forEach(
        (description, row) ->
            infos.add(info(description, row.checksum(), MigrationState.MISSING, row)));
    return infos;
  }

  private static MigrationInfo info(
      String description, String checksum, MigrationState state, Row row) {
    return new MigrationInfo(
        0,
        description,
        MigrationType.REPEATABLE,
        checksum,
        state,
        Optional.ofNullable(row).map(Row::installedOn),
        Optional.ofNullable(row).map(Row::installedBy),
        row == null ? OptionalLong.empty() : OptionalLong.of(row.executionMs()));
  }

  private record Row(String checksum, Instant installedOn, String installedBy, long executionMs) {}

  private boolean exists() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(Dialect.of(connection).tableExistsQuery())) {
      ps.setString(1, TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Map<String, Row> rows() throws SQLException {
    Map<String, Row> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT description, checksum, installed_on, installed_by, execution_ms FROM "
                    + TABLE)) {
      while (rs.next()) {
        rows.put(
            rs.getString(1),
            new Row(
                rs.getString(2),
                UtcInstants.parse(rs.getString(3)),
                rs.getString(4),
                rs.getLong(5)));
      }
    }
    return rows;
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } finally {
      Busy.ran(connection, sql);
    }
  }
}
