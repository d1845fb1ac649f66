package dev.strata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Not a test: times backup and restore of a large database against a plain {@code Files.copy}, for
 * the README and the closing note. Run it with a small heap to show that memory does not
 * grow with the database:
 *
 * <pre>
 * mvn -o -q -pl runtime test-compile
 * java -Xmx64m -cp runtime/target/test-classes:runtime/target/classes:$HOME/.m2/repository/org/\
 * xerial/sqlite-jdbc/3.50.3.0/sqlite-jdbc-3.50.3.0.jar dev.strata.BackupTiming /tmp/bench 1024
 * </pre>
 *
 * Arguments: a directory (created, and emptied of earlier runs' files) and the size in megabytes.
 */
public final class BackupTiming {
  private BackupTiming() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    long megabytes = Long.parseLong(args[1]);
    Path db = dir.resolve("big.db");
    for (String name : List.of("big.db", "big.db-wal", "big.db-shm", "copy.db", "vacuum.db")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    long start = System.nanoTime();
    Bank.populate(db, 1_000, 1_000, 100, "big");
    try (Connection c = Bank.connect(db);
        Statement s = c.createStatement()) {
      long rows = megabytes * 1_000; // about 1 KB each with the index
      s.execute(
          "INSERT INTO ledger (source, target, amount, memo) WITH RECURSIVE n(i) AS (SELECT 1"
              + " UNION ALL SELECT i + 1 FROM n WHERE i < "
              + rows
              + ") SELECT 1 + i % 2000, 1 + (i + 1) % 2000, 1 + i % 1000, randomblob(900) FROM n");
      s.execute("UPDATE meta SET transfers = (SELECT count(*) FROM ledger)");
      s.execute("UPDATE account SET balance = 0");
      s.execute("CREATE INDEX ix_ledger_amount ON ledger (amount, source)");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // The balances were zeroed, so the invariants hold; the extra index is the app's own.
    System.out.printf(
        "database: %d MB, built in %d s%n",
        Files.size(db) >> 20, (System.nanoTime() - start) / 1_000_000_000);

    long t = System.nanoTime();
    Files.copy(db, dir.resolve("copy.db"));
    long plainCopy = ms(t);
    System.out.printf("Files.copy of the database: %d ms%n", plainCopy);

    Strata strata =
        Strata.configure().url(Db.url(db)).registry(TestMigrations.registry(Bank.CHAIN)).load();
    t = System.nanoTime();
    BackupResult backup = strata.backup(dir.resolve("big.zip"));
    long backupTotal = ms(t);
    System.out.printf(
        "backup: %d ms total = copy %d ms + checks (history, sha256, integrity_check beside the"
            + " copy) %d ms + zip %d ms; zip %d MB%n",
        backupTotal,
        backup.copyTime().toMillis(),
        backup.checkTime().toMillis(),
        backup.writeTime().toMillis(),
        Files.size(backup.file()) >> 20);
    System.out.printf(
        "copy phase against Files.copy: %.2fx its speed%n",
        (double) plainCopy / backup.copyTime().toMillis());

    t = System.nanoTime();
    try (Connection c = Bank.connect(db);
        Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + dir.resolve("vacuum.db") + "'");
    }
    System.out.printf("VACUUM INTO, for comparison: %d ms%n", ms(t));

    t = System.nanoTime();
    RestoreResult restore = strata.restore(backup.file());
    System.out.printf(
        "restore: %d ms total = checks (unzip + sha256, integrity_check, foreign_key_check,"
            + " history) %d ms + swap (online backup into the live database) %d ms%n",
        ms(t), restore.checkTime().toMillis(), restore.swapTime().toMillis());
    try (Connection c = Bank.connect(db)) {
      System.out.println(
          "invariants after restore: " + (Bank.broken(c).isEmpty() ? "ok" : "BROKEN"));
    }
    System.out.printf("peak heap: max %d MB allowed%n", Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
