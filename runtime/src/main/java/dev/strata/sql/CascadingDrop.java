package dev.strata.sql;

import dev.strata.sql.SqlTokens.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code DROP TABLE} does to other tables while foreign keys are enforced: its implicit
 * DELETE runs their ON DELETE CASCADE, SET NULL and SET DEFAULT actions, so a table rebuild written
 * as an ordinary migration silently loses or changes their rows. The annotation processor reports
 * it at compile time where it knows the schema; the engine refuses it at run time where rows would
 * really be lost, which also covers schemas the processor could not know (after a Java migration).
 */
public final class CascadingDrop {
  // A foreign key is declared with the keyword REFERENCES: the text filter keeps the join from
  // reading every table's foreign keys, which made each drop linear in the schema's size.
  private static final String REFERENCING =
      "SELECT m.name, f.id, f.\"from\", f.on_delete FROM sqlite_master m,"
          + " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
          + " AND instr(upper(m.sql), 'REFERENCES') > 0"
          + " AND f.\"table\" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE"
          + " ORDER BY m.name, f.id, f.seq";

  private CascadingDrop() {}

  /** The table a {@code DROP TABLE [IF EXISTS] [main.]name} drops; empty for anything else. */
  public static Optional<String> droppedTable(String sql) {
    String first = SqlTokens.plainFirstWord(sql);
    if (first != null && !first.equalsIgnoreCase("DROP")) {
      return Optional.empty();
    }
    // DROP TABLE IF EXISTS main . name: seven tokens at most decide.
    List<Token> tokens = SqlTokens.leading(sql, 7);
    if (!keyword(tokens, 0, "DROP") || !keyword(tokens, 1, "TABLE")) {
      return Optional.empty();
    }
    int i = 2;
    if (keyword(tokens, i, "IF") && keyword(tokens, i + 1, "EXISTS")) {
      i += 2;
    }
    if (i + 2 < tokens.size() && tokens.get(i + 1).is(".")) {
      if (!SqlIdentifiers.fold(tokens.get(i).value()).equals("main")) {
        return Optional.empty();
      }
      i += 2;
    }
    return i < tokens.size() && tokens.get(i).kind() != SqlTokens.Kind.SYMBOL
        ? Optional.of(tokens.get(i).value())
        : Optional.empty();
  }

  /**
   * What dropping {@code table} would do to the other tables, one phrase each, such as "deletes
   * every row of 'member' that references it (ON DELETE CASCADE)"; empty when it touches none.
   *
   * @param withRows only tables that hold a row referencing it (what the engine checks before a
   *     drop really runs); otherwise every table with such a foreign key (what the processor checks
   *     on its empty replay)
   */
  public static List<String> effects(Connection connection, String table, boolean withRows)
      throws SQLException {
    Map<String, ForeignKey> keys = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(REFERENCING)) {
      query.setString(1, table);
      query.setString(2, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String child = rows.getString(1);
          String onDelete = rows.getString(4).toUpperCase(Locale.ROOT);
          keys.computeIfAbsent(
                  child + "\u0000" + rows.getInt(2),
                  k -> new ForeignKey(child, new ArrayList<>(), onDelete))
              .columns()
              .add(rows.getString(3));
        }
      }
    }
    List<String> effects = new ArrayList<>();
    for (ForeignKey key : keys.values()) {
      Optional<String> effect = key.effect();
      if (effect.isPresent() && (!withRows || key.hasRows(connection))) {
        effects.add(effect.get());
      }
    }
    return effects;
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }

  private record ForeignKey(String child, List<String> columns, String onDelete) {
    Optional<String> effect() {
      String columnList = child + "(" + String.join(", ", columns) + ")";
      return switch (onDelete) {
        case "CASCADE" ->
            Optional.of(
                "deletes every row of '" + child + "' that references it (ON DELETE CASCADE)");
        case "SET NULL" ->
            Optional.of(
                "sets "
                    + columnList
                    + " to NULL in every row that references it (ON DELETE SET NULL)");
        case "SET DEFAULT" ->
            Optional.of(
                "sets "
                    + columnList
                    + " to its default in every row that references it (ON DELETE SET DEFAULT)");
        default -> Optional.empty();
      };
    }

    /** Whether a row of the child refers to a parent at all (all its key columns set). */
    boolean hasRows(Connection connection) throws SQLException {
      StringBuilder sql = new StringBuilder("SELECT EXISTS (SELECT 1 FROM ");
      sql.append(SqlIdentifiers.quote(child)).append(" WHERE ");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : " AND ")
            .append(SqlIdentifiers.quote(columns.get(i)))
            .append(" IS NOT NULL");
      }
      sql.append(')');
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql.toString())) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }
}
