package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backup and restore in a fresh JVM: {@code copy SRC DST}, {@code backup URL REGISTRIES FILE},
 * {@code restore URL REGISTRIES FILE} or {@code integrity URL}. {@code Strata.backup(Path)} and
 * {@code Strata.restore(Path, RestoreOption...)} are looked up reflectively, so that this module
 * compiles against builds that do not have them yet ({@link #available()}).
 */
public final class BackupChild {
  private BackupChild() {}

  /** {@code Strata.backup(Path)}, if this build has it. */
  static Optional<Method> backup() {
    try {
      return Optional.of(Strata.class.getMethod("backup", Path.class));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /** {@code Strata.restore(Path, RestoreOption...)}, if this build has it. */
  static Optional<Method> restore() {
    for (Method m : Strata.class.getMethods()) {
      if (m.getName().equals("restore")
          && m.getParameterCount() == 2
          && m.getParameterTypes()[0] == Path.class
          && m.getParameterTypes()[1].isArray()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  static boolean available() {
    return backup().isPresent() && restore().isPresent();
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (args[0]) {
      case "copy" ->
          Files.copy(Path.of(args[1]), Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING);
      case "backup" -> backup().orElseThrow().invoke(strata(args[1], args[2]), Path.of(args[3]));
      case "restore" -> {
        Method restore = restore().orElseThrow();
        Object noOptions = Array.newInstance(restore.getParameterTypes()[1].getComponentType(), 0);
        restore.invoke(strata(args[1], args[2]), Path.of(args[3]), noOptions);
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
    Child.report(System.nanoTime() - start);
  }

  private static Strata strata(String url, String registries) throws Exception {
    List<MigrationDescriptor> all = new ArrayList<>();
    for (String name : registries.split(",")) {
      all.addAll(
          ((MigrationRegistry) Class.forName(name).getDeclaredConstructor().newInstance())
              .migrations());
    }
    List<MigrationDescriptor> chained = List.copyOf(all);
    return Strata.configure().url(url).registry(() -> chained).load();
  }
}
