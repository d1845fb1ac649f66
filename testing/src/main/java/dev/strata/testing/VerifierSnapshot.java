package dev.strata.testing;

import dev.strata.Strata;
import dev.strata.schema.PostgresInspector;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import dev.strata.schema.SqlNormalizer;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema of a database at one moment. On SQLite twice over: as {@link SchemaInspector} models
 * it and as the normalised {@code sqlite_master} SQL of every table, index, trigger and view, which
 * catches what a model might not (a CHECK spelled differently, an index on an expression). On
 * PostgreSQL as {@link PostgresInspector} models it, which already holds every object as the server
 * deparses it ({@code master} is empty). The engine's history table and its objects are left out.
 */
record VerifierSnapshot(SchemaModel model, Map<String, String> master) {

  static final Set<String> IGNORED = Set.of(Strata.HISTORY_TABLE, Strata.REPEATABLES_TABLE);

  /** The model of the database {@code connection} is open on, by its dialect's inspector. */
  static SchemaModel model(Connection connection) throws SQLException {
    return Dialect.of(connection) == Dialect.POSTGRESQL
        ? PostgresInspector.inspect(connection, IGNORED)
        : SchemaInspector.inspect(connection, IGNORED);
  }

  static VerifierSnapshot of(Connection connection) throws SQLException {
    if (Dialect.of(connection) == Dialect.POSTGRESQL) {
      return new VerifierSnapshot(model(connection), Map.of());
    }
    Map<String, String> master = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL")) {
      while (rows.next()) {
        if (IGNORED.contains(rows.getString("tbl_name"))) {
          continue;
        }
        String type = rows.getString("type");
        String sql = rows.getString("sql");
        String normal =
            "trigger".equals(type)
                ? SqlNormalizer.normalizeTrigger(sql)
                : SqlNormalizer.normalize(sql);
        master.put(type + " " + rows.getString("name"), normal);
      }
    }
    return new VerifierSnapshot(SchemaInspector.inspect(connection, IGNORED), master);
  }

  /**
   * What differs between {@code expected} and this snapshot, one line per difference, empty when
   * they are the same: the {@link SchemaDiff} rendering, then the {@code sqlite_master} lines.
   */
  List<String> differences(VerifierSnapshot expected) {
    List<String> lines = new ArrayList<>();
    SchemaDiff diff = SchemaDiff.compare(expected.model(), model);
    if (!diff.isEmpty()) {
      diff.render().lines().forEach(lines::add);
    }
    Set<String> names = new TreeSet<>(expected.master().keySet());
    names.addAll(master.keySet());
    for (String name : names) {
      String before = expected.master().get(name);
      String after = master.get(name);
      if (before == null) {
        lines.add("sqlite_master: extra " + name + ": " + after);
      } else if (after == null) {
        lines.add("sqlite_master: missing " + name + ": " + before);
      } else if (!before.equals(after)) {
        lines.add("sqlite_master: " + name + " differs:\n    expected: " + before);
        lines.add("    actual:   " + after);
      }
    }
    return lines;
  }
}
