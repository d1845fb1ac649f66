package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConnection;

/**
 * A transactional Java migration gets a connection that cannot end the step's transaction: what
 * would commit the migration without its history row is refused before it reaches SQLite.
 */
class StepConnectionTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create log", "CREATE TABLE log (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");

  /** A JDBC action on the step's connection, after the migration logged one row. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws Exception;
  }

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure().url(Db.url(db())).registry(registry(migrations)).load();
  }

  private List<String> versions() {
    return Db.column(db(), "SELECT version FROM strata_history ORDER BY version");
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Map<String, Action> refused() {
    Map<String, Action> actions = new TreeMap<>();
    actions.put("Connection.commit()", Connection::commit);
    actions.put("Connection.rollback()", Connection::rollback);
    actions.put("Connection.setAutoCommit(false)", c -> c.setAutoCommit(false));
    actions.put("Connection.setAutoCommit(true)", c -> c.setAutoCommit(true));
    actions.put("Connection.close()", Connection::close);
    actions.put("Connection.abort(..)", c -> c.abort(Runnable::run));
    actions.put(
        "Connection.rollback(Savepoint)",
        c ->
            c.rollback(
                new Savepoint() {
                  @Override
                  public int getSavepointId() {
                    return 1;
                  }

                  @Override
                  public String getSavepointName() {
                    return "foreign";
                  }
                }));
    actions.put("statement: COMMIT", c -> exec(c, "COMMIT"));
    actions.put("statement: END", c -> exec(c, "END"));
    actions.put("statement: ROLLBACK", c -> exec(c, "ROLLBACK"));
    actions.put("statement: BEGIN", c -> exec(c, "BEGIN"));
    actions.put("statement: VACUUM", c -> exec(c, "VACUUM"));
    actions.put(
        "statement: INSERT INTO log (note) VALUES ('script'); COMMIT",
        c -> exec(c, "INSERT INTO log (note) VALUES ('script'); COMMIT"));
    actions.put(
        "executeUpdate: COMMIT",
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("COMMIT");
          }
        });
    actions.put(
        "executeQuery: END TRANSACTION",
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeQuery("END TRANSACTION");
          }
        });
    actions.put(
        "execute with generated keys: commit",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("commit", Statement.RETURN_GENERATED_KEYS);
          }
        });
    actions.put(
        "addBatch: COMMIT",
        c -> {
          try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO log (note) VALUES ('batch')");
            s.addBatch("COMMIT");
            s.executeBatch();
          }
        });
    actions.put("prepareStatement: COMMIT", c -> c.prepareStatement("COMMIT").execute());
    actions.put(
        "prepareStatement: ROLLBACK TRANSACTION",
        c -> c.prepareStatement("ROLLBACK TRANSACTION", new String[] {"id"}).executeUpdate());
    actions.put(
        "prepared statement's addBatch: END",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO log (note) VALUES (?)")) {
            ps.addBatch("END");
          }
        });
    return actions;
  }

  static List<String> refusedNames() {
    return new ArrayList<>(refused().keySet());
  }

  @ParameterizedTest
  @MethodSource("refusedNames")
  void endingTheTransactionIsRefusedAndLeavesNoTraceRestartAfterRestart(String name) {
    Action action = refused().get(name);
    MigrationDescriptor v2 =
        java(
            2,
            "log and end",
            ctx -> {
              ctx.update("INSERT INTO log (note) VALUES ('once')");
              action.run(ctx.connection());
              ctx.update("INSERT INTO log (note) VALUES ('after')");
            });
    strata(V1).migrate();
    for (int start = 1; start <= 3; start++) {
      MigrationException e =
          assertThrows(MigrationException.class, () -> strata(V1, v2).migrate(), name);
      assertEquals(0, Db.count(db(), "log"), name + ", start " + start);
      assertEquals(List.of("1"), versions(), name + ", start " + start);
      assertEquals(2, e.version());
      assertTrue(e.getMessage().startsWith("Migration 2 (log and end)"), e.getMessage());
      assertTrue(e.getMessage().contains("refused"), e.getMessage());
      assertTrue(e.getMessage().contains("transactional = false"), e.getMessage());
    }
  }

  @Test
  void callRefusalNamesTheCallAndTheWayOut() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> strata(V1, java(2, "commits", ctx -> ctx.connection().commit())).migrate());
    assertEquals(
        "Migration 2 (commits): refused Connection.commit() on its connection. The engine owns the"
            + " transaction of a transactional step, which holds the migration and its history"
            + " row: ending it here would commit or discard the migration's work without its"
            + " history row. Leave the transaction to the engine, or declare the migration with"
            + " transactional = false.",
        e.getMessage());

    e =
        assertThrows(
            MigrationException.class,
            () ->
                strata(V1, java(2, "commits", ctx -> exec(ctx.connection(), "COMMIT"))).migrate());
    assertEquals("COMMIT", e.statement().orElseThrow());
    assertTrue(
        e.getMessage().startsWith("Migration 2 (commits) refused statement: COMMIT\n"),
        e.getMessage());
  }

  @Test
  void aRefusalTheMigrationSwallowsStillFailsTheStep() {
    MigrationDescriptor swallowing =
        java(
            2,
            "swallows",
            ctx -> {
              ctx.update("INSERT INTO log (note) VALUES ('x')");
              try {
                ctx.connection().commit();
              } catch (RuntimeException | SQLException ignored) {
                // a careless migration
              }
              try (Statement s = ctx.connection().createStatement()) {
                s.execute("COMMIT");
              } catch (RuntimeException | SQLException ignored) {
                // again
              }
            });
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, swallowing).migrate());

    assertTrue(e.getMessage().contains("refused Connection.commit()"), e.getMessage());
    assertEquals(0, Db.count(db(), "log"));
    assertEquals(List.of("1"), versions());
  }

  @Test
  void ordinaryJdbcWorksThroughTheStepConnection() {
    List<String> seen = new ArrayList<>();
    MigrationDescriptor v2 =
        java(
            2,
            "jdbc",
            ctx -> {
              Connection c = ctx.connection();
              assertFalse(c.getAutoCommit(), "the step runs in a transaction");
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO log (note) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                assertSame(c, ps.getConnection());
                ps.setString(1, "one");
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                  assertTrue(keys.next());
                  seen.add("key " + keys.getLong(1));
                }
                for (String note : List.of("two", "three")) {
                  ps.setString(1, note);
                  ps.addBatch();
                }
                assertEquals(2, ps.executeBatch().length);
              }
              try (Statement s = c.createStatement()) {
                assertSame(c, s.getConnection());
                s.addBatch("INSERT INTO log (note) VALUES ('four')");
                s.addBatch("UPDATE log SET note = upper(note) WHERE note = 'four'");
                assertEquals(2, s.executeBatch().length);
                try (ResultSet rs = s.executeQuery("SELECT note FROM log ORDER BY id")) {
                  while (rs.next()) {
                    seen.add(rs.getString(1));
                  }
                }
              }
              Savepoint savepoint = c.setSavepoint("maybe");
              exec(c, "INSERT INTO log (note) VALUES ('undone')");
              c.rollback(savepoint);
              c.releaseSavepoint(savepoint);
              Savepoint unnamed = c.setSavepoint();
              exec(c, "INSERT INTO log (note) VALUES ('five')");
              c.releaseSavepoint(unnamed);
              try (ResultSet tables = c.getMetaData().getTables(null, null, "log", null)) {
                assertTrue(tables.next());
                seen.add("table " + tables.getString("TABLE_NAME"));
              }
              assertTrue(c.isWrapperFor(SQLiteConnection.class));
              seen.add("unwrapped " + (c.unwrap(SQLiteConnection.class) != null));
              ctx.update("INSERT INTO log (note) VALUES (?)", "six");
            });

    assertEquals(2, strata(V1, v2).migrate().appliedCount());
    assertEquals(
        List.of("key 1", "one", "two", "three", "FOUR", "table log", "unwrapped true"), seen);
    assertEquals(
        List.of("one", "two", "three", "FOUR", "five", "six"),
        Db.column(db(), "SELECT note FROM log ORDER BY id"));
    assertEquals(List.of("1", "2"), versions());
  }

  @Test
  void nonTransactionalStepsKeepTheDriversConnection() {
    MigrationDescriptor own =
        java(
            2,
            "own transaction",
            false,
            ctx -> {
              Connection c = ctx.connection();
              assertTrue(c instanceof SQLiteConnection, c.getClass().getName());
              c.setAutoCommit(false);
              exec(c, "INSERT INTO log (note) VALUES ('own')");
              c.commit();
              c.setAutoCommit(true);
            });

    assertEquals(2, strata(V1, own).migrate().appliedCount());
    assertEquals(List.of("own"), Db.column(db(), "SELECT note FROM log"));
  }

  @Test
  void aCommitThroughTheUnwrappedDriverConnectionStillFailsTheStep() {
    MigrationDescriptor escaping =
        java(
            2,
            "escapes",
            ctx -> {
              try (Statement s =
                  ctx.connection().unwrap(SQLiteConnection.class).createStatement()) {
                s.execute("COMMIT");
              }
            });
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, escaping).migrate());

    assertTrue(e.getMessage().contains("ended the step's transaction"), e.getMessage());
    assertEquals(List.of("1"), versions());
  }
}
