package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;

import dev.strata.spi.MigrationRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link ClaimProcessesTest}. Prints one line per {@code migrate()}: {@code ok
 * <round> applied=<n>} or {@code FAIL <round> <message on one line>}; always exits 0 once done.
 *
 * <p>Modes (first argument):
 *
 * <ul>
 *   <li>{@code soak <db prefix> <start millis> <rounds> <slot ms>}: round r migrates {@code
 *       <prefix>r.db} at {@code start + r * slot} (or at once when late) with {@link #lastOutside}.
 *   <li>{@code fail <db> <start millis>}: migrates {@link #failingOutside} at the start instant.
 *   <li>{@code sleep <db> <sleep ms>}: migrates {@link #sleepingOutside} at once; {@code <db>} may
 *       be a JDBC URL, such as a PostgreSQL database's.
 *   <li>{@code upgrade <db> <start millis>}: migrates {@link #upgraded} at the start instant.
 *   <li>{@code race <db> <start millis> <calls> <parity>}: from the start instant, {@code calls}
 *       calls on {@link #raceChain}, alternating {@code migrate()} and {@code rollbackTo(1 + call %
 *       3)}; {@code parity} 0 begins with a migrate, 1 with a rollback. Prints {@code ok <call>
 *       migrate applied=<n>}, {@code ok <call> rollback to=<t> steps=<n>} or {@code FAIL <call>
 *       <exception class>: <message on one line>}.
 *   <li>{@code down-sleep <db> <sleep ms>}: rolls {@link #slowDown} back to version 1 at once.
 * </ul>
 */
public final class ClaimChild {
  private ClaimChild() {}

  /**
   * Four steps appending to {@code applied_log}, each checking the one before it; the last one runs
   * outside a transaction, where the claim protocol decides who runs it.
   */
  static MigrationRegistry lastOutside() {
    return ConcurrentMigrator.orderedLog(4, 4);
  }

  /** Step 2 runs outside a transaction, commits one row to {@code attempts}, then fails. */
  static MigrationRegistry failingOutside() {
    return registry(
        sql(1, "create attempts", "CREATE TABLE attempts (pid INTEGER NOT NULL)"),
        java(
            2,
            "backfill outside",
            false,
            ctx -> {
              ctx.update("INSERT INTO attempts (pid) VALUES (?)", ProcessHandle.current().pid());
              throw new IllegalStateException("backfill found a bad row");
            }));
  }

  /** Step 2 runs outside a transaction and sleeps {@code millis}, as a long VACUUM would. */
  static MigrationRegistry sleepingOutside(long millis) {
    return registry(
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)"),
        java(
            2,
            "long maintenance",
            false,
            ctx -> {
              Thread.sleep(millis);
              ctx.execute("INSERT INTO part (id) VALUES (2)");
            }));
  }

  /** What runs on a history written by an earlier build: one step more than it applied. */
  static MigrationRegistry upgraded() {
    return registry(
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)"),
        sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY)"));
  }

  /**
   * What two processes race on: five reversible steps, step 3 outside a transaction with a pause
   * between its statements ({@link ConcurrentMigrator#reversibleLog}).
   */
  static MigrationRegistry raceChain() {
    return ConcurrentMigrator.reversibleLog(5, 3, 40);
  }

  /**
   * Step 2 runs outside a transaction; its down sleeps {@code millis} before dropping its table.
   */
  static MigrationRegistry slowDown(long millis) {
    return ConcurrentMigrator.reversibleLog(2, 2, millis);
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    switch (mode) {
      case "soak" -> {
        int rounds = Integer.parseInt(args[3]);
        long start = Long.parseLong(args[2]);
        long slot = Long.parseLong(args[4]);
        MigrationRegistry registry = lastOutside();
        for (int r = 0; r < rounds; r++) {
          sleepUntil(start + r * slot);
          migrate(Path.of(args[1] + r + ".db"), registry, r);
        }
      }
      case "fail" -> {
        sleepUntil(Long.parseLong(args[2]));
        migrate(Path.of(args[1]), failingOutside(), 0);
      }
      case "sleep" -> migrate(args[1], sleepingOutside(Long.parseLong(args[2])), 0);
      case "upgrade" -> {
        sleepUntil(Long.parseLong(args[2]));
        migrate(Path.of(args[1]), upgraded(), 0);
      }
      case "race" -> {
        sleepUntil(Long.parseLong(args[2]));
        int calls = Integer.parseInt(args[3]);
        int parity = Integer.parseInt(args[4]);
        for (int call = 0; call < calls; call++) {
          race(Path.of(args[1]), call, (call + parity) % 2 == 0);
        }
      }
      case "down-sleep" -> {
        Path db = Path.of(args[1]);
        strata(db, slowDown(Long.parseLong(args[2]))).rollbackTo(1);
        System.out.println("ok 0 rolled back");
      }
      default -> throw new IllegalArgumentException(mode);
    }
    System.out.flush();
    System.exit(0);
  }

  private static void migrate(Path db, MigrationRegistry registry, int round) {
    migrate(Db.url(db), registry, round);
  }

  /** {@code database}: a JDBC URL, or an SQLite file. */
  private static void migrate(String database, MigrationRegistry registry, int round) {
    try {
      MigrateResult result =
          strata(database.startsWith("jdbc:") ? database : Db.url(Path.of(database)), registry)
              .migrate();
      System.out.println("ok " + round + " applied=" + result.appliedCount());
    } catch (RuntimeException e) {
      System.out.println("FAIL " + round + " " + String.valueOf(e.getMessage()).replace('\n', '|'));
    }
    System.out.flush();
  }

  private static Strata strata(Path db, MigrationRegistry registry) {
    return strata(Db.url(db), registry);
  }

  private static Strata strata(String url, MigrationRegistry registry) {
    return Strata.configure()
        .url(url)
        .registry(registry)
        .installedBy("child-" + ProcessHandle.current().pid())
        .lockTimeout(Duration.ofSeconds(60))
        .load();
  }

  private static void race(Path db, int call, boolean migrate) {
    try {
      Strata strata = strata(db, raceChain());
      if (migrate) {
        System.out.println("ok " + call + " migrate applied=" + strata.migrate().appliedCount());
      } else {
        long target = 1 + call % 3;
        RollbackResult result = strata.rollbackTo(target);
        System.out.println(
            "ok " + call + " rollback to=" + target + " steps=" + result.steps().size());
      }
    } catch (RuntimeException e) {
      System.out.println(
          "FAIL "
              + call
              + " "
              + e.getClass().getSimpleName()
              + ": "
              + String.valueOf(e.getMessage()).replace('\n', '|'));
    }
    System.out.flush();
  }

  private static void sleepUntil(long instant) throws InterruptedException {
    long wait = instant - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
