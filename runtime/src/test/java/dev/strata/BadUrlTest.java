package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A URL that cannot name a usable database file gets a message that names the cause. */
class BadUrlTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");

  private Strata strata(String url) {
    return Strata.configure().url(url).registry(registry(V1)).load();
  }

  private static final List<Function<Strata, Object>> CALLS =
      List.of(Strata::migrate, Strata::info, Strata::validate);

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "jdbc:sqlite:", "jdbc:sqlite: ", "jdbc:sqlite:?busy_timeout=1"})
  void aBlankUrlIsRefusedByLoad(String url) {
    StrataException e = assertThrows(StrataException.class, () -> strata(url));
    assertTrue(e.getMessage().contains("names no file"), e.getMessage());
  }

  @Test
  void aDirectoryIsNamedAsOne() {
    for (Function<Strata, Object> call : CALLS) {
      StrataException e =
          assertThrows(StrataException.class, () -> call.apply(strata(Db.url(dir))));
      assertTrue(
          e.getMessage().contains("The database path of jdbc:sqlite:" + dir + " is a directory"),
          e.getMessage());
    }
  }

  @Test
  void aMissingParentDirectoryIsNamedAndNotCreated() {
    Path file = dir.resolve("no/such/dir/app.db");
    for (Function<Strata, Object> call :
        List.<Function<Strata, Object>>of(Strata::migrate, Strata::validate)) {
      StrataException e =
          assertThrows(StrataException.class, () -> call.apply(strata(Db.url(file))));
      assertTrue(
          e.getMessage()
              .contains(
                  "The directory "
                      + file.getParent()
                      + " of the database jdbc:sqlite:"
                      + file
                      + " does not exist; create it first"),
          e.getMessage());
    }
    assertTrue(Files.notExists(dir.resolve("no")));
  }

  @Test
  void aParentThatIsAFileIsNamed() throws IOException {
    Path parent = Files.writeString(dir.resolve("plain.txt"), "x");
    Path file = parent.resolve("app.db");
    StrataException e = assertThrows(StrataException.class, () -> strata(Db.url(file)).migrate());
    assertTrue(e.getMessage().contains("which is a file"), e.getMessage());
  }

  /** Needs mount privileges (root or CAP_SYS_ADMIN), which a CI machine may not grant. */
  @Test
  void aReadOnlyMountIsNamed() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mnt"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
        "mounting a tmpfs is not permitted here");
    try {
      Path existing = mount.resolve("app.db");
      strata(Db.url(existing)).migrate();
      Db.exec(existing, "PRAGMA journal_mode = DELETE");
      assertTrue(run("mount", "-o", "remount,ro", mount.toString()), "remount read-only");

      StrataException e =
          assertThrows(
              StrataException.class,
              () ->
                  Strata.configure()
                      .url(Db.url(existing))
                      .registry(registry(V1, sql(2, "more", "CREATE TABLE more (x)")))
                      .load()
                      .migrate());
      assertTrue(e.getMessage().contains("is on a read-only file system"), e.getMessage());
      assertEquals(1, strata(Db.url(existing)).info().migrations().size());

      Path missing = mount.resolve("new.db");
      e = assertThrows(StrataException.class, () -> strata(Db.url(missing)).migrate());
      assertTrue(
          e.getMessage().contains("Cannot create the database " + missing + ": "), e.getMessage());
      assertTrue(e.getMessage().contains("is on a read-only file system"), e.getMessage());
    } finally {
      run("umount", mount.toString());
    }
  }

  private static boolean run(String... command) throws InterruptedException {
    try {
      return new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
