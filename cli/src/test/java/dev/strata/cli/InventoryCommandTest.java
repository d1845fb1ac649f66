package dev.strata.cli;

import dev.strata.cli.Cli.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run through the real jar against the test inventory application, compiled into a fresh
 * directory before each test, and one database file there.
 */
abstract class InventoryCommandTest {
  @TempDir Path dir;

  Cli cli;
  String classes;
  String db;

  @BeforeEach
  void compileTheApplication() throws Exception {
    cli = Cli.in(dir);
    classes = TestApp.inventory().compile(dir.resolve("app")).toString();
    db = dir.resolve("app.db").toString();
  }

  /** {@code command} with the database and the application's classes, then {@code args}. */
  Result strata(String command, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(command, "--url", db, "-cp", classes));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }
}
