package dev.strata.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyTest {
  @TempDir Path dir;

  @Test
  void retriesALockedDatabaseUntilItIsFree() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection holder = DriverManager.getConnection(url);
        Connection waiter = DriverManager.getConnection(url)) {
      exec(holder, "CREATE TABLE t (x)");
      exec(waiter, "PRAGMA busy_timeout = 0");
      exec(holder, "BEGIN IMMEDIATE");
      Thread release =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                  exec(holder, "COMMIT");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      release.start();
      AtomicInteger attempts = new AtomicInteger();

      Busy.retry(
          "insert",
          Duration.ofSeconds(30),
          () -> {
            attempts.incrementAndGet();
            exec(waiter, "INSERT INTO t VALUES (1)");
            return null;
          });
      release.join();

      assertTrue(attempts.get() > 1, "attempts: " + attempts);
    }
  }

  @Test
  void givesUpAfterTheLimitWithTheBusyError() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection holder = DriverManager.getConnection(url);
        Connection waiter = DriverManager.getConnection(url)) {
      exec(holder, "CREATE TABLE t (x)");
      exec(waiter, "PRAGMA busy_timeout = 0");
      exec(holder, "BEGIN IMMEDIATE");
      LockTimeout e =
          assertThrows(
              LockTimeout.class,
              () ->
                  Busy.retry(
                      "the insert",
                      Duration.ofMillis(100),
                      () -> exec(waiter, "INSERT INTO t VALUES (1)")));
      assertTrue(Busy.isBusy(e.getCause()), "the busy error is the cause");
      assertFalse(Busy.isBusy(e), "the wait is over: an enclosing retry must not wait again");
      assertTrue(
          e.getMessage().startsWith("gave up after 0.1 s waiting for the insert: "),
          e.getMessage());
      exec(holder, "ROLLBACK");
    }
  }

  /** SQLite's busy handler sleeps inside the statement: the limit must bound that sleep too. */
  @Test
  void theLimitBoundsSqlitesOwnBusyTimeoutAndRestoresIt() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection holder = DriverManager.getConnection(url);
        Connection waiter = DriverManager.getConnection(url)) {
      exec(holder, "CREATE TABLE t (x)");
      exec(waiter, "PRAGMA busy_timeout = 30000");
      exec(holder, "BEGIN IMMEDIATE");
      long start = System.nanoTime();
      assertThrows(
          LockTimeout.class,
          () ->
              Busy.retry(
                  waiter,
                  "the insert",
                  Duration.ofMillis(300),
                  () -> exec(waiter, "INSERT INTO t VALUES (1)")));
      long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
      exec(holder, "ROLLBACK");

      assertTrue(waitedMs < 1_300, "waited " + waitedMs + " ms");
      try (Statement s = waiter.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
        assertTrue(rs.next());
        assertEquals(30_000, rs.getInt(1));
      }
    }
  }

  @Test
  void doesNotRetryAStaleSnapshot() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("busy.db");
    try (Connection reader = DriverManager.getConnection(url);
        Connection writer = DriverManager.getConnection(url)) {
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        assertEquals("wal", rs.next() ? rs.getString(1) : "");
      }
      exec(reader, "CREATE TABLE t (x)");
      exec(reader, "BEGIN");
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
      }
      exec(writer, "INSERT INTO t VALUES (1)");
      AtomicInteger attempts = new AtomicInteger();

      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  Busy.retry(
                      "write",
                      Duration.ofSeconds(30),
                      () -> {
                        attempts.incrementAndGet();
                        return exec(reader, "INSERT INTO t VALUES (2)");
                      }));

      assertEquals(1, attempts.get());
      assertFalse(Busy.isBusy(e));
      exec(reader, "ROLLBACK");
    }
  }

  private static Void exec(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }
}
