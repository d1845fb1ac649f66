package dev.strata.internal.engine;

import dev.strata.MigrationException;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqliteSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Foreign-key enforcement around a table-rebuild step ({@code foreignKeys = false}), after SQLite's
 * documented procedure for schema changes that ALTER TABLE cannot make
 * (https://www.sqlite.org/lang_altertable.html): enforcement off outside any transaction, the step,
 * {@code PRAGMA foreign_key_check} before the commit, enforcement on again.
 *
 * <p>SQLite silently ignores {@code PRAGMA foreign_keys} inside a transaction, so each switch reads
 * the setting back and fails loudly when it did not take.
 */
final class ForeignKeyEnforcement {
  /** Rowids listed per broken foreign key; the count covers the rest. */
  private static final int ROWIDS_SHOWN = 5;

  private ForeignKeyEnforcement() {}

  /** Switches enforcement off; call it before the step's {@code BEGIN IMMEDIATE}. */
  static void off(Connection connection, MigrationDescriptor migration, Duration busyLimit)
      throws SQLException {
    if (Dialect.of(connection) != Dialect.SQLITE) {
      throw new MigrationException(
          migration.version(),
          migration.description(),
          "cannot run as a table rebuild (foreignKeys = false) on "
              + Dialect.of(connection).displayName()
              + ": the rebuild is SQLite's way to change a table, with PRAGMA foreign_keys, which"
              + " this database does not have. Nothing was changed; change the table in place"
              + " with ALTER TABLE, which keeps its foreign keys, and drop foreignKeys = false.");
    }
    if (set(connection, false, busyLimit)) {
      throw new MigrationException(
          migration.version(),
          migration.description(),
          "cannot run as a table rebuild (foreignKeys = false): PRAGMA foreign_keys = OFF did not"
              + " take, because a transaction is open on the connection (SQLite ignores the PRAGMA"
              + " inside one). Nothing was changed; hand migrate() a connection that has no open"
              + " transaction.");
    }
  }

  /**
   * Switches enforcement on again, after the step's transaction has ended. A failure to do so is
   * added to {@code failure}, the step's own failure, if there is one; otherwise it is thrown.
   */
  static void restore(
      Connection connection, MigrationDescriptor migration, Duration busyLimit, Throwable failure)
      throws SQLException {
    try {
      if (Dialect.of(connection) != Dialect.SQLITE) {
        return; // off() refused the step: nothing was switched
      }
      if (!set(connection, true, busyLimit)) {
        throw new MigrationException(
            migration.version(),
            migration.description(),
            "PRAGMA foreign_keys = ON did not take after the table rebuild, because a transaction"
                + " is still open on the connection: foreign keys are NOT enforced on it. Close"
                + " the connection.");
      }
    } catch (SQLException | RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /** Sets {@code foreign_keys} and returns what SQLite reports afterwards. */
  private static boolean set(Connection connection, boolean on, Duration busyLimit)
      throws SQLException {
    return Busy.retry(
        connection,
        "PRAGMA foreign_keys = " + (on ? "ON" : "OFF"),
        busyLimit,
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(SqliteSettings.foreignKeys(on));
            try (ResultSet rs = statement.executeQuery("PRAGMA foreign_keys")) {
              return rs.next() && rs.getInt(1) != 0;
            }
          }
        });
  }

  /**
   * The failure of a step that left rows whose foreign keys refer to no parent row, or empty when
   * {@code PRAGMA foreign_key_check} finds none. {@code rolledBack} says whether the step's changes
   * go with it (a transactional step) or stay (a step with {@code transactional = false}).
   */
  static Optional<MigrationException> violation(
      Connection connection, MigrationDescriptor migration, boolean rolledBack)
      throws SQLException {
    List<String> broken = violations(connection);
    if (broken.isEmpty()) {
      return Optional.empty();
    }
    String outcome =
        rolledBack
            ? "so it was rolled back"
            : "and it ran outside a transaction (transactional = false), so its changes stay:"
                + " repair those rows before migrating again";
    return Optional.of(
        new MigrationException(
            migration.version(),
            migration.description(),
            "PRAGMA foreign_key_check found rows whose foreign key refers to no parent row, "
                + outcome
                + ".\n  "
                + String.join("\n  ", broken)));
  }

  /**
   * One line per broken foreign key, such as {@code table child (parent_id) -> parent (id): 2 rows,
   * rowid 4, 7}.
   */
  private static List<String> violations(Connection connection) throws SQLException {
    Map<String, Broken> byKey = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next()) {
        String table = rs.getString(1);
        Object rowid = rs.getObject(2);
        String parent = rs.getString(3);
        int fkid = rs.getInt(4);
        byKey.computeIfAbsent(table + '\0' + fkid, k -> new Broken(table, parent, fkid)).add(rowid);
      }
    }
    List<String> lines = new ArrayList<>();
    for (Broken broken : byKey.values()) {
      lines.add(broken.render(connection));
    }
    return lines;
  }

  /** The rows of one table that break one of its foreign keys. */
  private static final class Broken {
    private final String table;
    private final String parent;
    private final int fkid;
    private final List<String> rowids = new ArrayList<>();
    private long rows;

    Broken(String table, String parent, int fkid) {
      this.table = table;
      this.parent = parent;
      this.fkid = fkid;
    }

    void add(Object rowid) {
      rows++;
      // WITHOUT ROWID tables report no rowid.
      if (rowid != null && rowids.size() < ROWIDS_SHOWN) {
        rowids.add(rowid.toString());
      }
    }

    String render(Connection connection) throws SQLException {
      List<String> from = new ArrayList<>();
      List<String> to = new ArrayList<>();
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY"
                  + " seq")) {
        statement.setString(1, table);
        statement.setInt(2, fkid);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            from.add(rs.getString(1));
            if (rs.getString(2) != null) {
              to.add(rs.getString(2));
            }
          }
        }
      }
      StringBuilder line = new StringBuilder("table ").append(table);
      if (!from.isEmpty()) {
        line.append(" (").append(String.join(", ", from)).append(')');
      }
      line.append(" -> ").append(parent);
      if (!to.isEmpty()) {
        line.append(" (").append(String.join(", ", to)).append(')');
      }
      line.append(": ").append(rows).append(rows == 1 ? " row" : " rows");
      if (!rowids.isEmpty()) {
        line.append(rowids.size() == 1 ? ", rowid " : ", rowids ")
            .append(String.join(", ", rowids))
            .append(rows > rowids.size() ? ", ..." : "");
      }
      return line.toString();
    }
  }
}
