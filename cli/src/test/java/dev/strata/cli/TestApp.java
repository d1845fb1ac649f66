package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * An application's migrations as source files, compiled by javac with the Strata processor (from
 * this test's class path, where the reactor put it), as the application's own build would.
 */
final class TestApp {
  static final String PACKAGE = "app.db";

  private final Map<String, String> sources = new LinkedHashMap<>();

  /**
   * Three migrations: 1 creates a table (no down: irreversible), 2 adds a column (SQL down), 3
   * seeds two rows in Java (Java down).
   */
  static TestApp inventory() {
    return new TestApp()
        .add(
            "V1CreateParts",
            """
            @Migration(version = 1, description = "Create parts",
                up = "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            public final class V1CreateParts {}
            """)
        .add(
            "V2AddNotes",
            """
            @Migration(version = 2, description = "Add part notes",
                up = "ALTER TABLE part ADD COLUMN notes TEXT",
                down = "ALTER TABLE part DROP COLUMN notes")
            public final class V2AddNotes {}
            """)
        .add(
            "V3SeedParts",
            """
            @Migration(version = 3, description = "Seed parts")
            public final class V3SeedParts implements JavaMigration {
              @Override public void up(MigrationContext ctx) throws Exception {
                ctx.update("INSERT INTO part (name) VALUES (?), (?)", "bolt", "nut");
              }
              @Override public void down(MigrationContext ctx) throws Exception {
                ctx.execute("DELETE FROM part");
              }
            }
            """);
  }

  /** Adds or replaces the class {@code name}; the package and imports are added. */
  TestApp add(String name, String body) {
    sources.put(name, body);
    return this;
  }

  /** Without the class {@code name}: an older build of the application. */
  TestApp without(String name) {
    sources.remove(name);
    return this;
  }

  /**
   * A non-transactional Java step 4 whose statement fails: SQLite rejects it at run time, and the
   * history records the step as FAILED.
   */
  TestApp withFailingStep() {
    return add(
        "V4Broken",
        """
        @Migration(version = 4, description = "Copy legacy parts", transactional = false)
        public final class V4Broken implements JavaMigration {
          @Override public void up(MigrationContext ctx) throws Exception {
            ctx.execute("INSERT INTO legacy_part SELECT * FROM part");
          }
        }
        """);
  }

  /** Writes the sources under {@code dir}/src and compiles them into {@code dir}/classes. */
  Path compile(Path dir) throws IOException {
    Path src = dir.resolve("src");
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(PACKAGE.replace('.', '/')).resolve(source.getKey() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "package "
              + PACKAGE
              + ";\n\nimport dev.strata.JavaMigration;\nimport dev.strata.MigrationContext;\n"
              + "import dev.strata.annotation.Migration;\n\n"
              + source.getValue());
    }
    return compileTree(src, dir.resolve("classes"));
  }

  /** Compiles every {@code .java} file under {@code src} with the processor into {@code out}. */
  static Path compileTree(Path src, Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    Files.createDirectories(out);
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-d",
                  out.toString(),
                  "-classpath",
                  classPath,
                  "-processorpath",
                  classPath,
                  "-processor",
                  "dev.strata.processor.StrataProcessor",
                  "-Xlint:-options"));
      boolean ok =
          javac
              .getTask(
                  messages,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files))
              .call();
      assertTrue(ok, () -> "javac failed:\n" + messages);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }
}
