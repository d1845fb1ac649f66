package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.reversible;
import static dev.strata.TestMigrations.sql;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The child process of {@link ConcurrentMigrateTest}: waits for a shared start instant, then calls
 * {@code migrate()} from several threads at once. Prints one {@code applied=N} line per thread on
 * stdout, any failure on stderr, and exits 1 if a thread failed.
 *
 * <p>Arguments: database file, start instant (epoch millis), threads, migrations, busy_timeout in
 * milliseconds, and optionally {@code rebuild} for {@link #rebuildLog}.
 */
public final class ConcurrentMigrator {
  private ConcurrentMigrator() {}

  /**
   * Every migration appends its version to {@code applied_log} and checks that the previous version
   * is the last row there, so a duplicate or out-of-order step fails loudly. Version 1 creates the
   * log; a non-transactional step in the middle exercises the claim path.
   */
  static MigrationRegistry orderedLog(int count) {
    return orderedLog(count, count / 2);
  }

  /** {@link #orderedLog(int)} with its non-transactional step at {@code outside}. */
  static MigrationRegistry orderedLog(int count, long outside) {
    List<MigrationDescriptor> migrations = new ArrayList<>();
    migrations.add(
        sql(
            1,
            "create log",
            "CREATE TABLE applied_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, version INTEGER NOT"
                + " NULL UNIQUE); INSERT INTO applied_log (version) VALUES (1)"));
    for (long v = 2; v <= count; v++) {
      long version = v;
      boolean transactional = v != outside;
      migrations.add(
          java(
              v,
              "step " + v,
              transactional,
              ctx -> {
                expectLast(ctx, version - 1, "step " + version);
                ctx.update("INSERT INTO applied_log (version) VALUES (?)", version);
              }));
    }
    return registry(migrations);
  }

  /**
   * {@link #orderedLog} made reversible, for races of migrate and rollback: step v also creates
   * table {@code step_v}; its down checks that v is the last row of {@code applied_log}, deletes it
   * and drops the table. Step {@code outside} runs up and down outside a transaction and pauses
   * {@code pauseMs} between its statements, as a long maintenance step would, so a step of another
   * caller interleaved with it would fail the check or leave a gap.
   */
  static MigrationRegistry reversibleLog(int count, long outside, long pauseMs) {
    List<MigrationDescriptor> migrations = new ArrayList<>();
    migrations.add(
        reversible(
            1,
            "create log",
            true,
            new JavaMigration() {
              @Override
              public void up(MigrationContext ctx) throws Exception {
                ctx.execute(
                    "CREATE TABLE applied_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, version"
                        + " INTEGER NOT NULL UNIQUE); INSERT INTO applied_log (version) VALUES"
                        + " (1)");
              }

              @Override
              public void down(MigrationContext ctx) throws Exception {
                ctx.execute("DROP TABLE applied_log");
              }
            }));
    for (long v = 2; v <= count; v++) {
      long version = v;
      long pause = v == outside ? pauseMs : 0;
      migrations.add(
          reversible(
              v,
              "step " + v,
              v != outside,
              new JavaMigration() {
                @Override
                public void up(MigrationContext ctx) throws Exception {
                  expectLast(ctx, version - 1, "step " + version);
                  ctx.update("INSERT INTO applied_log (version) VALUES (?)", version);
                  Thread.sleep(pause);
                  ctx.execute("CREATE TABLE step_" + version + " (id INTEGER PRIMARY KEY)");
                }

                @Override
                public void down(MigrationContext ctx) throws Exception {
                  expectLast(ctx, version, "down of step " + version);
                  ctx.update("DELETE FROM applied_log WHERE version = ?", version);
                  Thread.sleep(pause);
                  ctx.execute("DROP TABLE step_" + version);
                }
              }));
    }
    return registry(migrations);
  }

  /** Fails {@code what} unless {@code version} is the last row of {@code applied_log}. */
  private static void expectLast(MigrationContext ctx, long version, String what)
      throws SQLException {
    try (Statement s = ctx.connection().createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version FROM applied_log ORDER BY seq DESC LIMIT 1")) {
      long last = rs.next() ? rs.getLong(1) : 0;
      if (last != version) {
        throw new IllegalStateException(what + " ran after " + last);
      }
    }
  }

  /**
   * {@link #orderedLog} with table rebuilds: {@code applied_mark} refers to {@code applied_log}
   * with {@code ON DELETE CASCADE}, and every third step first rebuilds {@code applied_log}
   * (create, copy, drop, rename) with {@code foreignKeys = false}, one of them outside a
   * transaction. A rebuild run twice, or with enforcement on, would lose marks: every version must
   * end up in both tables exactly once.
   */
  static MigrationRegistry rebuildLog(int count) {
    List<MigrationDescriptor> migrations = new ArrayList<>();
    migrations.add(
        sql(
            1,
            "create log and marks",
            """
            CREATE TABLE applied_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, \
            version INTEGER NOT NULL UNIQUE);
            CREATE TABLE applied_mark (version INTEGER PRIMARY KEY \
            REFERENCES applied_log (version) ON DELETE CASCADE);
            INSERT INTO applied_log (version) VALUES (1);
            INSERT INTO applied_mark (version) VALUES (1);
            """));
    for (long v = 2; v <= count; v++) {
      long version = v;
      boolean rebuild = v % 3 == 0;
      boolean transactional = v != count / 2;
      migrations.add(
          java(
              v,
              (rebuild ? "rebuild and step " : "step ") + v,
              transactional,
              !rebuild,
              ctx -> {
                if (rebuild) {
                  ctx.execute(
                      """
                      CREATE TABLE applied_log_new (seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                      version INTEGER NOT NULL UNIQUE);
                      INSERT INTO applied_log_new (seq, version) SELECT seq, version \
                      FROM applied_log;
                      DROP TABLE applied_log;
                      ALTER TABLE applied_log_new RENAME TO applied_log;
                      """);
                }
                expectLast(ctx, version - 1, "step " + version);
                ctx.update("INSERT INTO applied_log (version) VALUES (?)", version);
                ctx.update("INSERT INTO applied_mark (version) VALUES (?)", version);
              }));
    }
    return registry(migrations);
  }

  public static void main(String[] args) throws Exception {
    String url = Db.url(java.nio.file.Path.of(args[0]));
    long startAt = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    MigrationRegistry registry =
        args.length > 5 && args[5].equals("rebuild") ? rebuildLog(count) : orderedLog(count);
    Duration busyTimeout = Duration.ofMillis(Long.parseLong(args[4]));

    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(threads);
    long lateBy = System.currentTimeMillis() - startAt;
    for (int t = 0; t < threads; t++) {
      String name = ProcessHandle.current().pid() + "-" + t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  Strata strata =
                      Strata.configure()
                          .url(url)
                          .registry(registry)
                          .installedBy(name)
                          .busyTimeout(busyTimeout)
                          .load();
                  long wait = startAt - System.currentTimeMillis();
                  if (wait > 0) {
                    Thread.sleep(wait);
                  }
                  MigrateResult result = strata.migrate();
                  System.out.println("applied=" + result.appliedCount() + " thread=" + name);
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  done.countDown();
                }
              },
              "migrator-" + t);
      thread.start();
    }
    done.await();
    System.out.println("late_ms=" + Math.max(0, lateBy));
    for (Throwable failure : failures) {
      System.err.print("FAILURE ");
      failure.printStackTrace();
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }
}
