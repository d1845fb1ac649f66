package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim side file is open only while a claim needs it: an application that migrates one SQLite
 * file per tenant keeps no descriptor per database, and a side file deleted between two runs is
 * opened afresh rather than locked through a stale descriptor.
 */
class ClaimSideFileTest {
  @TempDir Path dir;

  @Test
  void noSideFileStaysOpenAfterMigratingManyDatabases() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counts descriptors through /proc");
    for (int tenant = 0; tenant < 20; tenant++) {
      migrate(dir.resolve("tenant" + tenant + ".db"));
    }

    assertEquals(0, openSideFiles());
  }

  @Test
  void aSideFileDeletedBetweenRunsIsUsedAfresh() throws IOException {
    Path db = dir.resolve("app.db");
    migrate(db);
    Files.deleteIfExists(Path.of(db + "-strata-claim"));

    migrate(dir.resolve("other.db"));
    Strata second =
        Strata.configure()
            .url(Db.url(db))
            .registry(registry(STEPS[0], STEPS[1], java(3, "vacuum again", false, VACUUM)))
            .load();

    assertEquals(1, second.migrate().appliedCount());
    assertEquals(0, openSideFiles());
  }

  private static final JavaMigration VACUUM = ctx -> ctx.execute("VACUUM");

  private static final dev.strata.spi.MigrationDescriptor[] STEPS = {
    sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)"),
    java(2, "vacuum", false, VACUUM)
  };

  private static void migrate(Path db) {
    Strata.configure().url(Db.url(db)).registry(registry(STEPS)).load().migrate();
  }

  /** Descriptors of this JVM that point at a claim side file. */
  private static long openSideFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(ClaimSideFileTest::target)
          .filter(target -> target.endsWith("-strata-claim"))
          .count();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException | UnsupportedOperationException gone) {
      return "";
    }
  }
}
