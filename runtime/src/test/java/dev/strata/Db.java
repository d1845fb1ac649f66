package dev.strata;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC access to a test database, independent of the engine under test. */
final class Db {
  private Db() {}

  static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }

  /** The first column of every row of {@code sql}, as strings. */
  static List<String> column(Path file, String sql) {
    try (Connection c = DriverManager.getConnection(url(file));
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

  static long count(Path file, String table) {
    return Long.parseLong(column(file, "SELECT count(*) FROM " + table).get(0));
  }

  static List<String> tables(Path file) {
    return column(
        file,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY"
            + " name");
  }

  static void exec(Path file, String sql) {
    try (Connection c = DriverManager.getConnection(url(file));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
