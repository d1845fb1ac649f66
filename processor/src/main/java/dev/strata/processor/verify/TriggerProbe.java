package dev.strata.processor.verify;

import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import dev.strata.sql.SqliteMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the errors in a trigger's body. SQLite stores a trigger without resolving its body: a
 * misspelt column ({@code UPDATE ticket SET updatedat = ...}) surfaces only when a statement that
 * fires the trigger is prepared, that is at run time. So the probe prepares, and never runs, one
 * statement of the trigger's event on its table or view ({@code INSERT ... DEFAULT VALUES}, {@code
 * UPDATE ... SET c = c} of a column the trigger watches, {@code DELETE}).
 *
 * <p>Only this trigger is blamed: the probe is prepared with every other trigger dropped (inside a
 * savepoint that is rolled back), and a failure counts only if the same probe prepares once this
 * trigger is dropped too (or, on a view, fails only because nothing makes the view writable).
 */
final class TriggerProbe {
  private static final String SAVEPOINT = "strata_trigger_probe";

  private static final Pattern WRITE_INTO_VIEW =
      Pattern.compile("cannot modify (.+?) because it is a view");

  private TriggerProbe() {}

  /** The names of the main schema's triggers, as stored. */
  static List<String> triggers(Connection db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /**
   * SQLite's message for the body of trigger {@code name} (any case), or empty when a statement
   * that fires it prepares, or when there is no such trigger.
   */
  static Optional<String> probe(Connection db, String name) throws SQLException {
    Map<String, String[]> all = new LinkedHashMap<>(); // folded name -> {name, table, sql}
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")) {
      while (rows.next()) {
        all.put(
            SqlIdentifiers.fold(rows.getString(1)),
            new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
      }
    }
    String[] trigger = all.get(SqlIdentifiers.fold(name));
    if (trigger == null) {
      return Optional.empty();
    }
    Optional<String> probe = probeStatement(db, trigger[1], trigger[2]);
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    try (Statement statement = db.createStatement()) {
      statement.execute("SAVEPOINT " + SAVEPOINT);
      try {
        for (String[] other : all.values()) {
          if (other != trigger) {
            statement.execute("DROP TRIGGER " + SqlIdentifiers.quote(other[0]));
          }
        }
        Optional<String> error = prepare(db, probe.get());
        // A write into a view that an INSTEAD OF trigger (dropped above) makes writable: a
        // stand-in with an empty body makes it writable again without probing that body here.
        Set<String> opened = new HashSet<>();
        while (error.isPresent()) {
          Matcher view = WRITE_INTO_VIEW.matcher(error.get());
          if (!view.find() || !opened.add(SqlIdentifiers.fold(view.group(1)))) {
            break;
          }
          List<String> standIns = standIns(all.values(), trigger, view.group(1));
          if (standIns.isEmpty()) {
            break;
          }
          for (String standIn : standIns) {
            statement.execute(standIn);
          }
          error = prepare(db, probe.get());
        }
        if (error.isEmpty()) {
          return Optional.empty();
        }
        statement.execute("DROP TRIGGER " + SqlIdentifiers.quote(trigger[0]));
        // On a view, only an INSTEAD OF trigger makes the probe legal at all.
        Optional<String> without = prepare(db, probe.get());
        return without.isEmpty() || without.get().contains("because it is a view")
            ? error
            : Optional.empty();
      } finally {
        statement.execute("ROLLBACK TO " + SAVEPOINT);
        statement.execute("RELEASE " + SAVEPOINT);
      }
    }
  }

  /**
   * Empty-bodied INSTEAD OF triggers on {@code view}, one per event that one of {@code triggers}
   * (but {@code probed}) handles there.
   */
  private static List<String> standIns(Iterable<String[]> triggers, String[] probed, String view) {
    Set<String> events = new LinkedHashSet<>();
    for (String[] other : triggers) {
      if (other != probed && SqlIdentifiers.fold(other[1]).equals(SqlIdentifiers.fold(view))) {
        insteadOfEvent(other[2]).ifPresent(events::add);
      }
    }
    List<String> standIns = new ArrayList<>();
    for (String event : events) {
      standIns.add(
          "CREATE TRIGGER "
              + SqlIdentifiers.quote("strata_probe_" + event.toLowerCase(Locale.ROOT) + "_" + view)
              + " INSTEAD OF "
              + event
              + " ON "
              + SqlIdentifiers.quote(view)
              + " BEGIN SELECT 1; END");
    }
    return standIns;
  }

  /** INSERT, UPDATE or DELETE for an INSTEAD OF trigger's {@code sql}; empty for another. */
  private static Optional<String> insteadOfEvent(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    int i = indexOfKeyword(tokens, 0, "INSTEAD");
    if (i < 0 || !keyword(tokens, i + 1, "OF")) {
      return Optional.empty();
    }
    for (String event : List.of("INSERT", "UPDATE", "DELETE")) {
      if (keyword(tokens, i + 2, event)) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> prepare(Connection db, String sql) {
    try (PreparedStatement ignored = db.prepareStatement(sql)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(SqliteMessages.of(e));
    }
  }

  /**
   * A statement that fires the trigger created by {@code sql} on {@code table}, or empty when its
   * header cannot be read.
   */
  static Optional<String> probeStatement(Connection db, String table, String sql)
      throws SQLException {
    List<Token> tokens = SqlTokens.tokenize(sql);
    int i = indexOfKeyword(tokens, 0, "TRIGGER");
    if (i < 0) {
      return Optional.empty();
    }
    i++;
    if (keyword(tokens, i, "IF") && keyword(tokens, i + 1, "NOT")) {
      i += 3; // IF NOT EXISTS
    }
    i += i + 1 < tokens.size() && tokens.get(i + 1).is(".") ? 3 : 1; // [schema.]name
    if (keyword(tokens, i, "BEFORE") || keyword(tokens, i, "AFTER")) {
      i++;
    } else if (keyword(tokens, i, "INSTEAD") && keyword(tokens, i + 1, "OF")) {
      i += 2;
    }
    String target = SqlIdentifiers.quote(table);
    if (keyword(tokens, i, "INSERT")) {
      return Optional.of("INSERT INTO " + target + " DEFAULT VALUES");
    }
    if (keyword(tokens, i, "DELETE")) {
      return Optional.of("DELETE FROM " + target);
    }
    if (!keyword(tokens, i, "UPDATE")) {
      return Optional.empty();
    }
    String column;
    if (keyword(tokens, i + 1, "OF") && i + 2 < tokens.size() && tokens.get(i + 2).isName()) {
      column = tokens.get(i + 2).value();
    } else {
      column = firstColumn(db, table);
      if (column == null) {
        return Optional.empty();
      }
    }
    String quoted = SqlIdentifiers.quote(column);
    return Optional.of("UPDATE " + target + " SET " + quoted + " = " + quoted);
  }

  /** The first column that an UPDATE may set: not hidden, not generated. */
  private static String firstColumn(Connection db, String table) throws SQLException {
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid LIMIT 1")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static int indexOfKeyword(List<Token> tokens, int from, String keyword) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).isKeyword(keyword)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }
}
