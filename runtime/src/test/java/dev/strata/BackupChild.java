package dev.strata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Random;

/**
 * The child process of {@link BackupProcessesTest}.
 *
 * <ul>
 *   <li>{@code write <db> <accounts> <stop file>}: commits transfers, one per transaction, until
 *       the stop file exists; prints {@code started} after the first and {@code wrote <n>} at the
 *       end.
 *   <li>{@code restore <db> <zip>}: restores the zip into the database; prints {@code restored} and
 *       the times of its checks and its swap.
 * </ul>
 */
public final class BackupChild {
  private BackupChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[1]);
    switch (args[0]) {
      case "write" -> write(db, Integer.parseInt(args[2]), Path.of(args[3]));
      case "restore" -> {
        RestoreResult result = Bank.strata(db).restore(Path.of(args[2]));
        System.out.println(
            "restored: checks "
                + result.checkTime().toMillis()
                + " ms, swap "
                + result.swapTime().toMillis()
                + " ms");
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void write(Path db, int accounts, Path stop) throws Exception {
    long written = 0;
    try (Connection c = Bank.connect(db);
        Bank.Teller teller = new Bank.Teller(c, new Random(7), accounts, 256)) {
      c.setAutoCommit(false);
      while (!Files.exists(stop)) {
        teller.transfer();
        c.commit();
        if (written++ == 0) {
          System.out.println("started");
          System.out.flush();
        }
      }
    }
    System.out.println("wrote " + written);
  }
}
