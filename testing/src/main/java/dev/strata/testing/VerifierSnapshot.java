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
 * PostgreSQL as {@link PostgresInspector} models it, which holds every table, index, view and
 * trigger as the server deparses it, plus what the model has no place for and a {@code down} may
 * forget: functions (by signature, result and body), sequences no column owns, and enum and domain
 * types ({@code master}, from {@code pg_catalog}). The engine's history table and its objects are
 * left out.
 *
 * @param catalogue where {@code master} comes from, for messages
 */
record VerifierSnapshot(SchemaModel model, Map<String, String> master, String catalogue) {

  static final Set<String> IGNORED = Set.of(Strata.HISTORY_TABLE, Strata.REPEATABLES_TABLE);

  /** The model of the database {@code connection} is open on, by its dialect's inspector. */
  static SchemaModel model(Connection connection) throws SQLException {
    return Dialect.of(connection) == Dialect.POSTGRESQL
        ? PostgresInspector.inspect(connection, IGNORED)
        : SchemaInspector.inspect(connection, IGNORED);
  }

  static VerifierSnapshot of(Connection connection) throws SQLException {
    if (Dialect.of(connection) == Dialect.POSTGRESQL) {
      return new VerifierSnapshot(model(connection), postgresObjects(connection), "pg_catalog");
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
    return new VerifierSnapshot(
        SchemaInspector.inspect(connection, IGNORED), master, "sqlite_master");
  }

  /** The current schema's functions, free sequences and enum and domain types, by kind and name. */
  private static Map<String, String> postgresObjects(Connection connection) throws SQLException {
    Map<String, String> objects = new TreeMap<>();
    String query =
        "SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
            + " || ')', 'returns ' || pg_get_function_result(p.oid) || ', body md5 '"
            + " || md5(p.prosrc)"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname = current_schema()"
            + " UNION ALL SELECT 'sequence ' || c.relname, 'not owned by a column'"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'S' AND n.nspname = current_schema() AND NOT EXISTS"
            + " (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))"
            + " UNION ALL SELECT 'type ' || t.typname, CASE t.typtype WHEN 'e' THEN 'enum ('"
            + " || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
            + " FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'"
            + " ELSE 'domain over ' || format_type(t.typbasetype, t.typtypmod) END"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype IN ('e', 'd') AND n.nspname = current_schema()";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        objects.put(rows.getString(1), rows.getString(2));
      }
    }
    return objects;
  }

  /**
   * What differs between {@code expected} and this snapshot, one line per difference, empty when
   * they are the same: the {@link SchemaDiff} rendering, then the {@code master} lines.
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
        lines.add(catalogue + ": extra " + name + ": " + after);
      } else if (after == null) {
        lines.add(catalogue + ": missing " + name + ": " + before);
      } else if (!before.equals(after)) {
        lines.add(catalogue + ": " + name + " differs:\n    expected: " + before);
        lines.add("    actual:   " + after);
      }
    }
    return lines;
  }
}
