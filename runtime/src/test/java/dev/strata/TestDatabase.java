package dev.strata;

import dev.strata.sql.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database of one dialect, read and written with plain JDBC, independent of the engine
 * under test: a file in {@code dir} for SQLite, a new database on the shared {@link PostgresServer}
 * for PostgreSQL.
 */
record TestDatabase(Dialect dialect, String url) {
  static TestDatabase fresh(Dialect dialect, Path dir) {
    return new TestDatabase(
        dialect,
        dialect == Dialect.SQLITE
            ? Db.url(dir.resolve("test.db"))
            : PostgresServer.freshDatabase());
  }

  StrataBuilder configure() {
    return Strata.configure().url(url);
  }

  /** The first column of every row of {@code sql}, as strings. */
  List<String> column(String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  long count(String table) {
    return Long.parseLong(column("SELECT count(*) FROM " + table).get(0));
  }

  /** The application's tables and the history, by name. */
  List<String> tables() {
    return column(
        dialect == Dialect.SQLITE
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                + " ORDER BY tablename");
  }

  void exec(String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
