package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version, usage errors (exit 2), and where settings come from. */
class UsageIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "migrate",
        "info",
        "validate",
        "rollback",
        "backup",
        "restore",
        "health",
        "baseline",
        "repair",
        "new"
      })
  void everyCommandHasHelpAndVersion(String command) throws Exception {
    Result help = Cli.in(dir).run(command, "--help");
    assertEquals(0, help.exitCode(), help.transcript());
    assertTrue(help.out().startsWith("Usage: strata " + command + " "), help.out());
    assertTrue(help.out().contains("Exit codes: 0 ok, 1 validation or migration"), help.out());

    Result version = Cli.in(dir).run(command, "--version");
    assertEquals(0, version.exitCode(), version.transcript());
    assertTrue(version.out().startsWith("strata 0.1.0"), version.out());
  }

  @Test
  void usageErrorsExitTwoWithOneLineOnStderr() throws Exception {
    Cli cli = Cli.in(dir);
    String missing = dir.resolve("nowhere").toString();
    String[][] mistakes = {
      {},
      {"migrat"},
      {"migrate", "--bogus"},
      {"rollback", "--url", "app.db"},
      {"baseline", "one", "--url", "app.db"},
      {"migrate", "--to", "-1", "--url", "app.db"},
      {"info", "--url", "app.db", "--classpath", missing},
      {"info", "--url", "app.db"},
      {"info", "--classpath", dir.toString()},
      {"new", "Add notes", "--package", "not a package"},
    };
    String[] expected = {
      "strata: Missing command: give one of migrate, info,",
      "strata: Unmatched argument at index 0: 'migrat'",
      "strata migrate: Unknown option: '--bogus'",
      "strata rollback: Missing required option: '--to=N'",
      "strata baseline: Invalid value for positional parameter at index 0 (N): 'one'",
      "strata migrate: target must not be negative: -1",
      "strata info: The --classpath entry " + missing + " does not exist",
      "strata info: No MigrationRegistry found on the class path.",
      "strata info: No database configured: call url(..) or dataSource(..), or set STRATA_URL"
          + " (strata --url)",
      "strata new: 'not a package' is not a Java package name",
    };
    for (int i = 0; i < mistakes.length; i++) {
      Result result = cli.run(mistakes[i]);
      assertEquals(2, result.exitCode(), result.transcript());
      assertEquals(1, result.err().lines().count(), result.transcript());
      assertTrue(result.err().startsWith(expected[i]), result.transcript());
      assertTrue(result.err().endsWith("--help')\n"), result.transcript());
      assertEquals("", result.out(), result.transcript());
    }
    assertFalse(Files.exists(dir.resolve("app.db")), "no usage error creates the database");
  }

  @Test
  void settingsComeFromOptionsThenEnvironmentThenConfigFile() throws Exception {
    String classes = TestApp.inventory().compile(dir.resolve("app")).toString();
    Path config = dir.resolve("strata.properties");
    Files.writeString(config, "strata.url=from-file.db\nstrata.target=1\n");
    Cli cli = Cli.in(dir);

    Result fromFile = cli.run("migrate", "--config", config.toString(), "-cp", classes);
    assertEquals(0, fromFile.exitCode(), fromFile.transcript());
    assertTrue(fromFile.out().contains("from version 0 to 1: 1 applied"), fromFile.out());
    assertTrue(Files.exists(dir.resolve("from-file.db")));

    Cli withEnvironment =
        cli.withEnvironment(Map.of("STRATA_URL", "from-env.db", "STRATA_TARGET", "2"));
    Result fromEnvironment =
        withEnvironment.run("migrate", "--config", config.toString(), "-cp", classes);
    assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.transcript());
    assertTrue(fromEnvironment.out().contains("from version 0 to 2: 2 applied"));
    assertTrue(Files.exists(dir.resolve("from-env.db")));

    Result fromOptions =
        withEnvironment.run(
            "migrate",
            "--config",
            config.toString(),
            "-cp",
            classes,
            "--url",
            "opt.db",
            "--to",
            "3");
    assertEquals(0, fromOptions.exitCode(), fromOptions.transcript());
    assertTrue(fromOptions.out().contains("from version 0 to 3: 3 applied"));
    assertTrue(Files.exists(dir.resolve("opt.db")));

    Result badEnvironment =
        cli.withEnvironment(Map.of("STRATA_TARGET", "soon")).run("info", "-cp", classes);
    assertEquals(2, badEnvironment.exitCode(), badEnvironment.transcript());
    assertTrue(
        badEnvironment
            .err()
            .startsWith("strata info: Invalid value 'soon' for environment variable STRATA_TARGET"),
        badEnvironment.err());
  }
}
