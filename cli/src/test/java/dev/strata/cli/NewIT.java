package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new}, then the application's compilation, then {@code migrate}: the whole loop. */
class NewIT {
  @TempDir Path dir;

  @Test
  void skeletonsCompileWithTheProcessorAndMigrate() throws Exception {
    Cli cli = Cli.in(dir);
    Path src = dir.resolve("src/main/java");
    long before = Long.parseLong(now());

    Result sql = cli.run("new", "Create \"parts\" table", "--package", "com.example.db");
    assertEquals(0, sql.exitCode(), sql.transcript());
    // Two skeletons in one second would share a version: the processor would refuse them.
    Thread.sleep(1100);
    Result java =
        cli.run(
            "new",
            "backfill part names",
            "--java",
            "--source-dir",
            src.toString(),
            "--package",
            "com.example.db");
    assertEquals(0, java.exitCode(), java.transcript());
    long after = Long.parseLong(now());

    List<Path> files;
    try (Stream<Path> list = Files.list(src.resolve("com/example/db"))) {
      files = list.sorted().toList();
    }
    assertEquals(2, files.size(), files.toString());
    Path sqlFile = files.get(0);
    Path javaFile = files.get(1);
    assertEquals("Wrote " + dir.relativize(sqlFile) + "\n", sql.out());
    assertEquals("Wrote " + javaFile + "\n", java.out());
    String sqlName = sqlFile.getFileName().toString();
    assertTrue(sqlName.matches("V\\d{14}CreatePartsTable\\.java"), sqlName);
    long version = Long.parseLong(sqlName.substring(1, 15));
    assertTrue(version >= before && version <= after, version + " not in " + before + ".." + after);
    assertTrue(javaFile.getFileName().toString().matches("V\\d{14}BackfillPartNames\\.java"));
    String sqlSource = Files.readString(sqlFile);
    assertTrue(sqlSource.contains("description = \"Create \\\"parts\\\" table\""), sqlSource);
    assertTrue(Files.readString(javaFile).contains("implements JavaMigration"));

    Path classes = TestApp.compileTree(src, dir.resolve("classes"));
    Result migrate = cli.run("migrate", "--url", "app.db", "--classpath", classes.toString());
    assertEquals(0, migrate.exitCode(), migrate.transcript());
    assertTrue(
        migrate.out().startsWith("[1/2] Applying " + version + " Create \"parts\" table\n"),
        migrate.out());
    assertTrue(migrate.out().contains("[2/2] Applied "), migrate.out());
    assertTrue(migrate.out().contains(" backfill part names ("), migrate.out());

    Result again =
        cli.run("new", "x", "--package", "com.example.db", "--source-dir", "/dev/null/x");
    assertEquals(1, again.exitCode(), again.transcript());
    assertEquals(1, again.err().lines().count(), again.transcript());
  }

  private static String now() {
    return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  }
}
