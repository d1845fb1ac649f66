package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine remembers each connection's busy_timeout instead of asking before every statement it
 * retries; a busy_timeout that a migration sets by a route the engine does not wrap (its own
 * connection, a repeatable's statement) is still what later statements see. With a lock timeout
 * below busy_timeout the engine lowers busy_timeout around each statement it retries and puts back
 * what it believes the value is, so a stale belief would show as 5000 here.
 */
class BusyTimeoutKeptTest {
  @TempDir Path dir;

  private static final MigrationDescriptor LATER =
      sql(2, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");

  private long busyTimeoutAfterMigrate(MigrationRegistry registry) throws SQLException {
    try (OneConnection one = new OneConnection(dir.resolve("app.db"))) {
      Strata.configure()
          .dataSource(one)
          .registry(registry)
          .busyTimeout(Duration.ofSeconds(5))
          .lockTimeout(Duration.ofSeconds(2))
          .load()
          .migrate();
      Connection connection = one.getConnection();
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aBusyTimeoutSetThroughTheMigrationsConnectionStands() throws SQLException {
    MigrationDescriptor first =
        java(
            1,
            "wait less",
            ctx -> {
              try (Statement s = ctx.connection().createStatement()) {
                s.execute("PRAGMA busy_timeout = 1000");
              }
            });
    assertEquals(1000, busyTimeoutAfterMigrate(registry(first, LATER)));
  }

  @Test
  void aBusyTimeoutSetByARepeatableStands() throws SQLException {
    RepeatableDescriptor repeatable =
        new RepeatableDescriptor(
            "wait less", "sha256:1", "test.wait", List.of("PRAGMA busy_timeout = 1000"));
    MigrationRegistry registry =
        new MigrationRegistry() {
          @Override
          public List<MigrationDescriptor> migrations() {
            return List.of(LATER);
          }

          @Override
          public List<RepeatableDescriptor> repeatables() {
            return List.of(repeatable);
          }
        };
    assertEquals(1000, busyTimeoutAfterMigrate(registry));
  }
}
