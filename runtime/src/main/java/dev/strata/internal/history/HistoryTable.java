package dev.strata.internal.history;

import dev.strata.MigrationType;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code strata_history}. {@code installed_rank} records the order in which steps
 * were applied; {@code version} is unique, which also makes a second insert of one version fail
 * rather than pass silently. {@code installed_on} is an ISO-8601 UTC instant.
 */
public final class HistoryTable {
  public static final String NAME = Strata.HISTORY_TABLE;

  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + NAME
          + """
           (
            installed_rank INTEGER PRIMARY KEY,
            version        INTEGER NOT NULL UNIQUE CHECK (version > 0),
            description    TEXT    NOT NULL,
            type           TEXT    NOT NULL,
            checksum       TEXT    NOT NULL,
            installed_on   TEXT    NOT NULL,
            installed_by   TEXT    NOT NULL,
            execution_ms   INTEGER NOT NULL,
            success        INTEGER NOT NULL CHECK (success IN (0, 1))
          )\
          """;
  private static final String COLUMNS =
      "installed_rank, version, description, type, checksum, installed_on, installed_by,"
          + " execution_ms, success";

  private final Connection connection;

  public HistoryTable(Connection connection) {
    this.connection = connection;
  }

  private boolean exists() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Creates the table if missing; many processes may race here, hence the retry. */
  public void create(Duration setupTimeout) throws SQLException {
    Busy.retry(
        connection,
        "the write lock to create " + NAME,
        setupTimeout,
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
          }
          return null;
        });
    requireOurColumns();
  }

  /** Every row in installation order; empty when the table does not exist. */
  public List<HistoryRow> rows() throws SQLException {
    if (!exists()) {
      return List.of();
    }
    requireOurColumns();
    List<HistoryRow> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT " + COLUMNS + " FROM " + NAME + " ORDER BY installed_rank")) {
      while (rs.next()) {
        rows.add(read(rs));
      }
    }
    return rows;
  }

  /** A table of that name made by something else would otherwise fail with "no such column". */
  private void requireOurColumns() throws SQLException {
    Set<String> missing = new LinkedHashSet<>(List.of(COLUMNS.split(", ")));
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA table_info(" + NAME + ")")) {
      while (rs.next()) {
        missing.remove(rs.getString("name").toLowerCase(Locale.ROOT));
      }
    }
    if (!missing.isEmpty()) {
      throw new StrataException(
          "The table "
              + NAME
              + " was not created by Strata: it lacks the columns "
              + String.join(", ", missing)
              + ". Rename it, or use another database.");
    }
  }

  public Optional<HistoryRow> find(long version) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM " + NAME + " WHERE version = ?")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The highest successfully applied version, 0 when none. */
  public long head() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT coalesce(max(version), 0) FROM " + NAME + " WHERE success = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void insert(MigrationDescriptor migration, String installedBy, long executionMs, boolean success)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO "
                + NAME
                + " (version, description, type, checksum, installed_on, installed_by,"
                + " execution_ms, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, migration.version());
      ps.setString(2, migration.description());
      ps.setString(3, migration.type().name());
      ps.setString(4, migration.checksum());
      ps.setString(5, Instant.now().toString());
      ps.setString(6, installedBy);
      ps.setLong(7, executionMs);
      ps.setInt(8, success ? 1 : 0);
      ps.executeUpdate();
    }
  }

  /** Turns a claim into a finished row, recording the installer without the claimant's process. */
  void markSucceeded(long version, long executionMs, String installedBy) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE "
                + NAME
                + " SET success = 1, execution_ms = ?, installed_by = ? WHERE version = ?")) {
      ps.setLong(1, executionMs);
      ps.setString(2, installedBy);
      ps.setLong(3, version);
      ps.executeUpdate();
    }
  }

  void delete(long version) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("DELETE FROM " + NAME + " WHERE version = ?")) {
      ps.setLong(1, version);
      ps.executeUpdate();
    }
  }

  private static HistoryRow read(ResultSet rs) throws SQLException {
    return new HistoryRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        MigrationType.valueOf(rs.getString(4)),
        rs.getString(5),
        Instant.parse(rs.getString(6)),
        rs.getString(7),
        rs.getLong(8),
        rs.getInt(9) == 1);
  }
}
