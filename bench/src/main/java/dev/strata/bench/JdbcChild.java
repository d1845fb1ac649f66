package dev.strata.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The floor: the same work by hand on one connection. {@code apply URL N strata|default} runs
 * migrations 1..N, each in its own {@code BEGIN IMMEDIATE} transaction with one history row, with
 * Strata's PRAGMAs or SQLite's defaults; {@code query URL} is a start that reads the history once;
 * {@code batch URL SCHEMA_SQL ROWS} inserts what {@code StrataFixtures.populate} inserts, as one
 * batch in one transaction.
 */
public final class JdbcChild {
  private JdbcChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(args[1])) {
      switch (mode) {
        case "apply" -> {
          if (args[3].equals("strata")) {
            Pragmas.strata(c);
          }
          apply(c, Integer.parseInt(args[2]));
        }
        case "query" -> {
          Pragmas.strata(c);
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT max(version) FROM strata_history")) {
            rs.next();
          }
        }
        case "batch" -> {
          Pragmas.strata(c);
          StrataChild.createSchema(c, Path.of(args[2]));
          start = System.nanoTime();
          batch(c, Integer.parseInt(args[3]));
        }
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
    Child.report(System.nanoTime() - start);
  }

  private static void apply(Connection c, int n) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS history (version INTEGER PRIMARY KEY, description TEXT,"
              + " checksum TEXT, installed_on TEXT, execution_ms INTEGER, success INTEGER)");
      try (PreparedStatement row =
          c.prepareStatement("INSERT INTO history VALUES (?, ?, ?, ?, ?, 1)")) {
        for (int v = 1; v <= n; v++) {
          long began = System.nanoTime();
          s.execute("BEGIN IMMEDIATE");
          for (String statement : Workload.up(v)) {
            s.execute(statement);
          }
          row.setLong(1, v);
          row.setString(2, Workload.description(v));
          row.setString(3, "sha256:" + v);
          row.setString(4, OffsetDateTime.now(ZoneOffset.UTC).toString());
          row.setLong(5, (System.nanoTime() - began) / 1_000_000);
          row.executeUpdate();
          s.execute("COMMIT");
        }
      }
    }
  }

  /** The rows the generated fixture gives row {@code n}: see the README's fixtures section. */
  private static void batch(Connection c, int rows) throws Exception {
    c.setAutoCommit(false);
    LocalDate epoch = LocalDate.of(2000, 1, 1);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO item (name, qty, price, made_on, active) VALUES (?, ?, ?, ?, ?)")) {
      for (int n = 1; n <= rows; n++) {
        insert.setString(1, "name-" + n);
        insert.setInt(2, n);
        insert.setDouble(3, n);
        insert.setString(4, epoch.plusDays(n).toString());
        insert.setInt(5, n % 2);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }
}
