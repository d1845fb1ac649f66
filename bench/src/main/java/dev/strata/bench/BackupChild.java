package dev.strata.bench;

import dev.strata.BackupResult;
import dev.strata.RestoreResult;
import dev.strata.Strata;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Backup and restore in a fresh JVM: {@code copy SRC DST}, {@code backup URL REGISTRIES FILE},
 * {@code restore URL REGISTRIES FILE} or {@code integrity URL}. Backup and restore time the call
 * alone, as the copy times {@code Files.copy} alone (loading the registry and configuring Strata
 * are left out), and report the time of their checks (integrity, sha256, schema) apart.
 */
public final class BackupChild {
  private BackupChild() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    long checks = -1;
    switch (args[0]) {
      case "copy" ->
          Files.copy(Path.of(args[1]), Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING);
      case "backup" -> {
        Strata strata = strata(args[1], args[2]);
        start = System.nanoTime();
        BackupResult result = strata.backup(Path.of(args[3]));
        checks = result.checkTime().toNanos();
      }
      case "restore" -> {
        Strata strata = strata(args[1], args[2]);
        start = System.nanoTime();
        RestoreResult result = strata.restore(Path.of(args[3]));
        checks = result.checkTime().toNanos();
      }
      case "integrity" -> {
        try (Connection c = DriverManager.getConnection(args[1]);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
          if (!rs.next() || !rs.getString(1).equals("ok")) {
            throw new IllegalStateException("integrity_check failed");
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    Child.report(System.nanoTime() - start, checks);
  }

  private static Strata strata(String url, String registries) throws Exception {
    List<MigrationDescriptor> all = new ArrayList<>();
    for (String name : registries.split(",")) {
      all.addAll(
          ((MigrationRegistry) Class.forName(name).getDeclaredConstructor().newInstance())
              .migrations());
    }
    List<MigrationDescriptor> chained = List.copyOf(all);
    // Load SQLite's native library (about half a second in a fresh JVM) before the clock starts,
    // as an application that backs up has: the copy contender does not pay for it either.
    DriverManager.getConnection("jdbc:sqlite::memory:").close();
    return Strata.configure().url(url).registry(() -> chained).load();
  }
}
