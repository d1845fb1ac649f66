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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code strata_history}. {@code installed_rank} records the order in which steps
 * were applied; {@code version} is unique, which also makes a second insert of one version fail
 * rather than pass silently. {@code installed_on} is an ISO-8601 UTC instant.
 *
 * <p><b>Format.</b> The table's format is the declared default of its {@code history_format}
 * column, and 1 when that column is absent:
 *
 * <ul>
 *   <li>1: the nine columns {@code installed_rank} to {@code success} (builds before issue 9);
 *   <li>2: adds {@code state} ({@link HistoryRow#outcome}: APPLIED, RUNNING, FAILED or
 *       CREATED_FROM_ENTITIES; NULL in rows a format-1 build wrote, read from {@code success}),
 *       {@code failure} (the message of a FAILED step, or a rollback's note, {@link
 *       HistoryRow#rollback()}) and {@code history_format INTEGER NOT NULL DEFAULT 2}, the marker.
 * </ul>
 *
 * <p>Reads accept every format up to {@link #FORMAT}; {@link #upgrade} brings an older table to
 * {@link #FORMAT} in place, under the write lock and in one transaction, adding only the columns
 * that are missing, so it is idempotent and safe when several processes start at once. Columns are
 * only ever added, and added nullable or with a default, so a build of an earlier format still
 * reads and writes an upgraded table. A later format raises the marker's default (rebuilding this
 * small table in the same transaction, as SQLite cannot change a default in place).
 *
 * <p>Every read checks the table's shape (the declared type of each of Strata's columns, and no
 * other column that is NOT NULL without a default) and every value it reads (integers where
 * integers belong, known type and state names, ISO-8601 instants). A table or row that does not
 * pass is reported as one {@link StrataException}, before anything is written.
 */
public final class HistoryTable {
  public static final String NAME = Strata.HISTORY_TABLE;

  /** The format this build writes. */
  public static final int FORMAT = 2;

  static final String STATES = "'APPLIED', 'RUNNING', 'FAILED', 'CREATED_FROM_ENTITIES'";

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
            success        INTEGER NOT NULL CHECK (success IN (0, 1)),
            state          TEXT    CHECK (state IN (%s)),
            failure        TEXT,
            history_format INTEGER NOT NULL DEFAULT %d
          )\
          """
              .formatted(STATES, FORMAT);

  /** The columns of format 1, every one required. */
  private static final Map<String, String> FORMAT_1 = new LinkedHashMap<>();

  /** What format 2 adds, with the definition {@link #upgrade} adds it by. */
  private static final Map<String, String> FORMAT_2 = new LinkedHashMap<>();

  static {
    for (String column :
        List.of(
            "installed_rank INTEGER",
            "version INTEGER",
            "description TEXT",
            "type TEXT",
            "checksum TEXT",
            "installed_on TEXT",
            "installed_by TEXT",
            "execution_ms INTEGER",
            "success INTEGER")) {
      String[] parts = column.split(" ");
      FORMAT_1.put(parts[0], parts[1]);
    }
    FORMAT_2.put("state", "TEXT CHECK (state IN (" + STATES + "))");
    FORMAT_2.put("failure", "TEXT");
    FORMAT_2.put("history_format", "INTEGER NOT NULL DEFAULT " + FORMAT);
  }

  private static final String COLUMNS = String.join(", ", FORMAT_1.keySet());

  private static final int MAX_REPORTED = 5;

  private final Connection connection;

  public HistoryTable(Connection connection) {
    this.connection = connection;
  }

  /** Whether the table exists; {@link #rows} and {@link #format} check what it holds. */
  public boolean exists() throws SQLException {
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
    shape();
  }

  /**
   * Brings a table of an earlier format to {@link #FORMAT}, under the write lock, in one
   * transaction; the table exists. Every row is read and checked first, so a damaged history is
   * reported before anything changes.
   */
  public void upgrade(Duration lockTimeout) throws SQLException {
    if (shape().format() >= FORMAT) {
      return;
    }
    try (HistoryLock lock = HistoryLock.take(connection, lockTimeout)) {
      Shape shape = shape();
      if (shape.format() >= FORMAT) {
        return; // another process upgraded it meanwhile
      }
      rows();
      try (Statement statement = connection.createStatement()) {
        for (Map.Entry<String, String> column : FORMAT_2.entrySet()) {
          if (!shape.columns().contains(column.getKey())) {
            statement.execute(
                "ALTER TABLE " + NAME + " ADD COLUMN " + column.getKey() + " " + column.getValue());
          }
        }
      }
      lock.commit();
    }
  }

  /** The format of the table, which exists; checks its shape. */
  public int format() throws SQLException {
    return shape().format();
  }

  /** Every row in installation order; empty when the table does not exist. */
  public List<HistoryRow> rows() throws SQLException {
    if (!exists()) {
      return List.of();
    }
    Shape shape = shape();
    List<HistoryRow> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int problemRows = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(select(shape) + " FROM " + NAME + " ORDER BY installed_rank")) {
      while (rs.next()) {
        List<String> found = new ArrayList<>();
        HistoryRow row = read(rs, found);
        if (found.isEmpty()) {
          rows.add(row);
        } else {
          problemRows++;
          if (problems.size() < MAX_REPORTED) {
            problems.add(
                "row with installed_rank " + rs.getString(1) + ": " + String.join("; ", found));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw damaged(problemRows, problems);
    }
    return rows;
  }

  public Optional<HistoryRow> find(long version) throws SQLException {
    return Optional.ofNullable(find(version, version).get(version));
  }

  /**
   * The rows of {@code first} and {@code second} that exist, by version, read in one statement: a
   * step checks its own row and its predecessor's under one lock.
   */
  public Map<Long, HistoryRow> find(long first, long second) throws SQLException {
    Shape shape = shape();
    Map<Long, HistoryRow> found = new LinkedHashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(select(shape) + " FROM " + NAME + " WHERE version IN (?, ?)")) {
      ps.setLong(1, first);
      ps.setLong(2, second);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> problems = new ArrayList<>();
          HistoryRow row = read(rs, problems);
          if (!problems.isEmpty()) {
            throw damaged(
                1,
                List.of(
                    "row with installed_rank "
                        + rs.getString(1)
                        + ": "
                        + String.join("; ", problems)));
          }
          found.put(row.version(), row);
        }
      }
    }
    return found;
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

  /** Returns the {@code installed_on} it recorded. */
  Instant insert(
      MigrationDescriptor migration,
      String installedBy,
      long executionMs,
      boolean success,
      String outcome)
      throws SQLException {
    Instant installedOn = Instant.now();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO "
                + NAME
                + " (version, description, type, checksum, installed_on, installed_by,"
                + " execution_ms, success, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, migration.version());
      ps.setString(2, migration.description());
      ps.setString(3, migration.type().name());
      ps.setString(4, migration.checksum());
      ps.setString(5, UtcInstants.format(installedOn));
      ps.setString(6, installedBy);
      ps.setLong(7, executionMs);
      ps.setInt(8, success ? 1 : 0);
      ps.setString(9, outcome);
      ps.executeUpdate();
    }
    return installedOn;
  }

  /** Turns a claim into a finished row, recording the installer without the claimant's process. */
  void markSucceeded(long version, long executionMs, String installedBy) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE "
                + NAME
                + " SET success = 1, state = 'APPLIED', execution_ms = ?, installed_by = ?"
                + " WHERE version = ?")) {
      ps.setLong(1, executionMs);
      ps.setString(2, installedBy);
      ps.setLong(3, version);
      ps.executeUpdate();
    }
  }

  /** Turns a claim into a FAILED row that stays until a user deletes it. */
  void markFailed(long version, long executionMs, String installedBy, String failure)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE "
                + NAME
                + " SET state = 'FAILED', failure = ?, execution_ms = ?, installed_by = ?"
                + " WHERE version = ?")) {
      ps.setString(1, failure);
      ps.setLong(2, executionMs);
      ps.setString(3, installedBy);
      ps.setLong(4, version);
      ps.executeUpdate();
    }
  }

  /**
   * Turns an applied row into the claim of its rollback: unfinished, with {@code outcome} ({@link
   * HistoryRow#RUNNING}, or null without a claim lock) and {@link HistoryRow#rollbackNote}, so that
   * every other caller waits for the down to end and nothing counts the step as applied.
   */
  void claimRollback(MigrationDescriptor migration, String installedBy, String outcome)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE "
                + NAME
                + " SET success = 0, state = ?, failure = ?, installed_by = ?, installed_on = ?,"
                + " execution_ms = 0 WHERE version = ? AND success = 1")) {
      ps.setString(1, outcome);
      ps.setString(2, HistoryRow.rollbackNote(migration.version(), migration.description()));
      ps.setString(3, installedBy);
      ps.setString(4, UtcInstants.format(Instant.now()));
      ps.setLong(5, migration.version());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("migration " + migration.version() + " is no longer applied");
      }
    }
  }

  void updateChecksum(long version, String checksum) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("UPDATE " + NAME + " SET checksum = ? WHERE version = ?")) {
      ps.setString(1, checksum);
      ps.setLong(2, version);
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

  /** The columns present and the format they make. */
  private record Shape(Set<String> columns, int format) {
    Shape {
      columns = Set.copyOf(columns);
    }
  }

  /**
   * Checks that the table is Strata's, of a format this build reads: a table of that name made by
   * something else would otherwise fail with "no such column", or worse, be half read.
   */
  /**
   * The definitions ({@code CREATE TABLE} text) of the history table that {@code table_info} sees,
   * temp schema first, as it searches: the shape is a function of them alone, so the last shape
   * read is reused while they stay the same, and each step of a long migrate reads one row instead
   * of reading and checking {@code table_info} again.
   */
  private static final String DEFINITIONS =
      "SELECT group_concat(sql, char(10)) FROM (SELECT 0 AS o, sql FROM sqlite_temp_master"
          + " WHERE type = 'table' AND name = ?1 COLLATE NOCASE UNION ALL SELECT 1, sql FROM"
          + " sqlite_master WHERE type = 'table' AND name = ?1 COLLATE NOCASE ORDER BY o)";

  private record KnownShape(String definitions, Shape shape) {}

  /** The last shape read and checked, in any connection; immutable, so shared. */
  private static volatile KnownShape known;

  private Shape shape() throws SQLException {
    String definitions;
    try (PreparedStatement ps = connection.prepareStatement(DEFINITIONS)) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        definitions = rs.next() ? rs.getString(1) : null;
      }
    }
    KnownShape last = known;
    if (definitions != null && last != null && last.definitions().equals(definitions)) {
      return last.shape();
    }
    Shape shape = readShape();
    if (definitions != null) {
      known = new KnownShape(definitions, shape);
    }
    return shape;
  }

  private Shape readShape() throws SQLException {
    Set<String> missing = new LinkedHashSet<>(FORMAT_1.keySet());
    Set<String> columns = new LinkedHashSet<>();
    List<String> wrong = new ArrayList<>();
    String marker = null;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA table_info(" + NAME + ")")) {
      while (rs.next()) {
        String name = rs.getString("name").toLowerCase(Locale.ROOT);
        String type = String.valueOf(rs.getString("type")).strip().toUpperCase(Locale.ROOT);
        boolean notNull = rs.getInt("notnull") == 1;
        String dflt = rs.getString("dflt_value");
        boolean pk = rs.getInt("pk") > 0;
        columns.add(name);
        missing.remove(name);
        String expected = FORMAT_1.get(name);
        if (expected == null && FORMAT_2.containsKey(name)) {
          expected = FORMAT_2.get(name).split(" ")[0];
        }
        if (expected != null) {
          if (!type.equals(expected)) {
            wrong.add(name + " is " + (type.isEmpty() ? "untyped" : type) + ", not " + expected);
          }
          if (name.equals("installed_rank") && !pk) {
            wrong.add("installed_rank is not the primary key");
          }
          if (name.equals("history_format")) {
            marker = dflt;
          }
        } else if (notNull && dflt == null && !pk) {
          wrong.add(
              "the column "
                  + name
                  + " is NOT NULL without a default, so Strata could not record a step");
        }
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
    int format = 1;
    if (columns.contains("history_format")) {
      try {
        format = Integer.parseInt(String.valueOf(marker).strip());
      } catch (NumberFormatException e) {
        wrong.add("history_format has the default " + marker + ", not a format number");
      }
    }
    if (!wrong.isEmpty()) {
      throw new StrataException(
          "The table "
              + NAME
              + " has Strata's column names but not the shape Strata gives it: "
              + String.join("; ", wrong)
              + ". It was made or changed by another tool; Strata read none of it and changed"
              + " nothing. Rename it, or use another database.");
    }
    if (format > FORMAT) {
      throw new StrataException(
          "The table "
              + NAME
              + " has history format "
              + format
              + ", written by a newer Strata; this build reads formats 1 to "
              + FORMAT
              + ". Run the newer build against this database, or upgrade this application.");
    }
    return new Shape(columns, format);
  }

  private static String select(Shape shape) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
    for (String column : FORMAT_1.keySet()) {
      sql.append(", typeof(").append(column).append(")");
    }
    for (String column : List.of("state", "failure")) {
      sql.append(", ")
          .append(shape.columns().contains(column) ? column : "NULL")
          .append(", typeof(")
          .append(shape.columns().contains(column) ? column : "NULL")
          .append(")");
    }
    return sql.toString();
  }

  private static StrataException damaged(int rows, List<String> problems) {
    return new StrataException(
        "The table "
            + NAME
            + " holds "
            + (rows == 1 ? "a row" : rows + " rows")
            + " that Strata did not write, so it read none of the history and changed nothing: "
            + String.join("; ", problems)
            + (rows > problems.size() ? "; and " + (rows - problems.size()) + " more" : "")
            + ". Correct or delete those rows, or use another database.");
  }

  /**
   * One row as selected by {@link #select}: the 9 columns of format 1, their 9 typeofs, then state
   * and failure each with its typeof. What is wrong with a value is added to {@code problems}.
   */
  private static HistoryRow read(ResultSet rs, List<String> problems) throws SQLException {
    String[] names = FORMAT_1.keySet().toArray(String[]::new);
    for (int i = 0; i < names.length; i++) {
      String expected = FORMAT_1.get(names[i]).equals("INTEGER") ? "integer" : "text";
      String actual = rs.getString(names.length + 1 + i);
      if (!expected.equals(actual)) {
        problems.add(
            names[i]
                + " is "
                + actual
                + (actual.equals("null") ? "" : " " + quote(rs.getString(1 + i)))
                + ", not "
                + (expected.equals("integer") ? "an integer" : "text"));
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    long version = rs.getLong(2);
    if (version <= 0) {
      problems.add("version " + version + " is not positive");
    }
    MigrationType type = null;
    String typeName = rs.getString(4);
    try {
      type = MigrationType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      problems.add(
          "type "
              + quote(typeName)
              + " is not one of "
              + Arrays.toString(MigrationType.values()).replaceAll("[\\[\\]]", ""));
    }
    Instant installedOn = null;
    try {
      installedOn = UtcInstants.parse(rs.getString(6));
    } catch (DateTimeParseException e) {
      problems.add("installed_on " + quote(rs.getString(6)) + " is not an ISO-8601 UTC instant");
    }
    int success = rs.getInt(9);
    if (success != 0 && success != 1) {
      problems.add("success is " + success + ", not 0 or 1");
    }
    String state = rs.getString(19);
    String stateType = rs.getString(20);
    if (!stateType.equals("null")
        && (!stateType.equals("text") || !STATES.contains("'" + state + "'"))) {
      problems.add("state " + quote(state) + " is not one of " + STATES);
    }
    String failureType = rs.getString(22);
    if (!failureType.equals("null") && !failureType.equals("text")) {
      problems.add("failure is " + failureType + ", not text");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new HistoryRow(
        rs.getLong(1),
        version,
        rs.getString(3),
        type,
        rs.getString(5),
        installedOn,
        rs.getString(7),
        rs.getLong(8),
        success == 1,
        state,
        rs.getString(21));
  }

  private static String quote(String value) {
    if (value == null) {
      return "NULL";
    }
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
  }
}
