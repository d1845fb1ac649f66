package dev.strata.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partial compilation as IDEs and incremental builds do it: real javac, a real output directory on
 * the class path ({@code -d out -cp out}), and only some of the sources. Compile-testing's
 * in-memory file manager cannot model an existing class output, so these tests write files.
 */
class PartialCompilationTest {
  /** A small app in one package: two entities, SQL and Java migrations, one in an aux file. */
  private static final Map<String, String> APP =
      Map.of(
          "app/Customer.java",
          """
          package app;

          import dev.strata.annotation.*;

          @Entity
          public class Customer {
            @Id long id;
            @Column(nullable = Nullability.NOT_NULL) String name;
          }
          """,
          "app/Purchase.java",
          """
          package app;

          import dev.strata.annotation.*;

          @Entity
          @Index(columns = "customer_id", name = "purchase_customer_id")
          public class Purchase {
            @Id long id;
            @References(entity = Customer.class) long customerId;
            @Column(nullable = Nullability.NOT_NULL) String item;
            int quantity;
          }
          """,
          "app/V1CreateCustomer.java",
          """
          package app;

          import dev.strata.annotation.Migration;

          @Migration(version = 1, up = \"""
              CREATE TABLE customer (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);
              \""", down = "DROP TABLE customer")
          final class V1CreateCustomer {}
          """,
          "app/V2CreatePurchase.java",
          """
          package app;

          import dev.strata.annotation.Migration;

          @Migration(version = 2, up = \"""
              CREATE TABLE purchase (
                id INTEGER NOT NULL PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customer (id),
                item TEXT NOT NULL,
                quantity INTEGER NOT NULL);
              CREATE INDEX purchase_customer_id ON purchase (customer_id);
              \""", down = "DROP TABLE purchase")
          final class V2CreatePurchase {}
          """,
          "app/V3SeedCustomers.java",
          """
          package app;

          import dev.strata.JavaMigration;
          import dev.strata.MigrationContext;
          import dev.strata.annotation.Migration;

          @Migration(version = 3)
          public final class V3SeedCustomers implements JavaMigration {
            @Override
            public void up(MigrationContext ctx) throws Exception {
              try (var statement = ctx.connection().createStatement()) {
                statement.execute("INSERT INTO customer (id, name) VALUES (1, 'first')");
              }
            }
          }
          """,
          "app/Backfills.java",
          """
          package app;

          import dev.strata.JavaMigration;
          import dev.strata.MigrationContext;
          import dev.strata.annotation.Migration;

          /** Names the file; the migration beside it is an auxiliary class. */
          public final class Backfills {
            private Backfills() {}
          }

          @Migration(version = 4)
          final class V4BackfillQuantity implements JavaMigration {
            @Override
            public void up(MigrationContext ctx) throws Exception {
              try (var statement = ctx.connection().createStatement()) {
                statement.execute("UPDATE purchase SET quantity = 1 WHERE quantity = 0");
              }
            }
          }
          """);

  /** Added later: a migration that needs the tables of the earlier ones. */
  private static final String NEW_MIGRATION_PATH = "app/V5TrimPurchaseItems.java";

  private static final String NEW_MIGRATION =
      """
      package app;

      import dev.strata.annotation.Migration;

      @Migration(version = 5, up = "UPDATE purchase SET item = trim(item) WHERE item <> trim(item)")
      final class V5TrimPurchaseItems {}
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app/Purchase.java",
        "app/V2CreatePurchase.java",
        "app/V3SeedCustomers.java",
        "app/Backfills.java"
      })
  void recompilingOneFileGivesTheFullBuildsOutput(String file) throws IOException {
    Path full = build("full", APP);
    Path partial = build("partial", APP);

    // Before the index, recompiling V2 alone failed with "[InvalidSql] ... no such table".
    compile(partial, Map.of(file, APP.get(file))).assertSucceeded();

    assertSameOutput(full, partial);
  }

  @Test
  void aNewFileJoinsTheRegistryAsInAFullBuild() throws IOException {
    Map<String, String> withNew = new TreeMap<>(APP);
    withNew.put(NEW_MIGRATION_PATH, NEW_MIGRATION);
    Path full = build("full", withNew);
    Path partial = build("partial", APP);

    compile(partial, Map.of(NEW_MIGRATION_PATH, NEW_MIGRATION)).assertSucceeded();

    assertSameOutput(full, partial);
    assertTrue(read(partial, "app/StrataMigrations.java").contains("V5TrimPurchaseItems"));
  }

  @Test
  void aDeletedMigrationLeavesTheRegistry() throws IOException {
    Map<String, String> without = new TreeMap<>(APP);
    without.remove("app/V3SeedCustomers.java");
    Path full = build("full", without);
    Path partial = build("partial", APP);
    Files.delete(partial.resolve("src/app/V3SeedCustomers.java"));
    Files.delete(partial.resolve("out/app/V3SeedCustomers.class"));

    compile(partial, Map.of("app/Customer.java", APP.get("app/Customer.java"))).assertSucceeded();

    assertFalse(read(partial, "app/StrataMigrations.java").contains("V3SeedCustomers"));
    assertFalse(read(partial, "META-INF/strata/index").contains("V3SeedCustomers"));
    assertSameOutput(full, partial);
  }

  @Test
  void aClassThatLostItsAnnotationLeavesTheRegistry() throws IOException {
    Map<String, String> without = new TreeMap<>(APP);
    without.remove("app/V3SeedCustomers.java");
    String plain = APP.get("app/V3SeedCustomers.java").replace("@Migration(version = 3)\n", "");
    without.put("app/V3SeedCustomers.java", plain);
    Path full = build("full", without);
    Path partial = build("partial", APP);

    // V3 alone carries no Strata annotation now, so Strata is not run: recompile it with V1.
    compile(
            partial,
            Map.of(
                "app/V3SeedCustomers.java",
                plain,
                "app/V1CreateCustomer.java",
                APP.get("app/V1CreateCustomer.java")))
        .assertSucceeded();

    assertFalse(read(partial, "app/StrataMigrations.java").contains("V3SeedCustomers"));
    assertSameOutput(full, partial);
  }

  @Test
  void aJavaMigrationReadFromItsClassFileKeepsItsSourceChecksum() throws IOException {
    Path partial = build("partial", APP);
    String before = read(partial, "app/StrataMigrations.java");
    String javaChecksum = checksum(read(partial, "META-INF/strata/index"), "V3SeedCustomers");
    assertTrue(before.contains(javaChecksum), before);

    // V1 regenerates the registry; V3 comes from its class file, which holds no source.
    compile(partial, Map.of("app/V1CreateCustomer.java", APP.get("app/V1CreateCustomer.java")))
        .assertSucceeded();

    assertEquals(before, read(partial, "app/StrataMigrations.java"));
  }

  @Test
  void anEditedJavaMigrationGetsAFreshChecksum() throws IOException {
    Path partial = build("partial", APP);
    String old = checksum(read(partial, "META-INF/strata/index"), "V3SeedCustomers");
    String edited = APP.get("app/V3SeedCustomers.java").replace("'first'", "'the first'");
    Map<String, String> editedApp = new TreeMap<>(APP);
    editedApp.put("app/V3SeedCustomers.java", edited);
    Path full = build("full", editedApp);

    compile(partial, Map.of("app/V3SeedCustomers.java", edited)).assertSucceeded();

    assertSameOutput(full, partial);
    assertFalse(read(partial, "app/StrataMigrations.java").contains(old));
  }

  /**
   * Test sources compiled against the main output ({@code -d test -cp test:main}) with their own
   * {@code @Migration}: the registry they would generate has the main one's name, so Strata refuses
   * with {@code [ForeignRegistry]} instead of shadowing it.
   */
  @Test
  void testSourcesMayNotShadowTheMainRegistry() throws IOException {
    Path main = build("main", APP);
    Path test = dir.resolve("test");
    Map<String, String> testSources =
        Map.of(
            "app/V100TestRows.java",
            """
            package app;

            import dev.strata.annotation.Migration;

            @Migration(version = 100, up = "CREATE TABLE test_rows (id INTEGER PRIMARY KEY)")
            final class V100TestRows {}
            """);

    Result result = compile(test, testSources, main.resolve("out"), true);

    result.assertFailedWith(
        "[ForeignRegistry] app.StrataMigrations is already on the class path",
        "-Astrata.package=app.test -Astrata.services=false");
    assertFalse(Files.exists(test.resolve("out/app/StrataMigrations.java")));
    assertFalse(Files.exists(test.resolve("out/META-INF/services")));
  }

  /**
   * The documented way out: a registry of the test sources' own, in another package and without
   * service entries, so that ServiceLoader still finds exactly the main registry.
   */
  @Test
  void testSourcesGetARegistryOfTheirOwnWithTheHintsOptions() throws Exception {
    Path main = build("main", APP);
    Path test = dir.resolve("test");
    Map<String, String> testSources =
        Map.of(
            "app/V100TestRows.java",
            """
            package app;

            import dev.strata.annotation.Migration;

            @Migration(version = 100, up = "CREATE TABLE test_rows (id INTEGER PRIMARY KEY)")
            public final class V100TestRows {}
            """);

    compile(
            test,
            testSources,
            main.resolve("out"),
            true,
            "-Astrata.package=app.test",
            "-Astrata.services=false")
        .assertSucceeded();
    // Again, as an incremental build would: now the test registry in the output is its own.
    compile(
            test,
            testSources,
            main.resolve("out"),
            true,
            "-Astrata.package=app.test",
            "-Astrata.services=false")
        .assertSucceeded();

    assertTrue(Files.exists(test.resolve("out/app/test/StrataMigrations.java")));
    assertFalse(Files.exists(test.resolve("out/META-INF/services")));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {test.resolve("out").toUri().toURL(), main.resolve("out").toUri().toURL()},
            getClass().getClassLoader())) {
      List<MigrationRegistry> found =
          ServiceLoader.load(MigrationRegistry.class, loader).stream()
              .map(ServiceLoader.Provider::get)
              .toList();
      assertEquals(1, found.size());
      assertEquals("app.StrataMigrations", found.get(0).getClass().getName());
      MigrationRegistry own =
          (MigrationRegistry)
              loader.loadClass("app.test.StrataMigrations").getConstructor().newInstance();
      assertEquals(
          List.of(100L), own.migrations().stream().map(MigrationDescriptor::version).toList());
    }
  }

  /** Every generated file is written with the types it comes from, class files included. */
  @Test
  void recompilingWithoutTheOutputOnTheClassPathChangesNothing() throws IOException {
    Path full = build("full", APP);
    Path partial = build("partial", APP);

    // The mistake: javac -d out without -cp out. javac cannot see the other classes.
    Result result =
        compile(partial, Map.of("app/Purchase.java", APP.get("app/Purchase.java")), null, false);

    result.assertFailedWith("[OutputNotOnClassPath]", "app.V2CreatePurchase");
    assertEquals(read(full, "META-INF/strata/index"), read(partial, "META-INF/strata/index"));
    assertEquals(
        read(full, "app/StrataMigrations.java"), read(partial, "app/StrataMigrations.java"));
  }

  @Test
  void theProcessorDeclaresItselfAggregating() throws IOException {
    try (var in =
        StrataProcessor.class
            .getClassLoader()
            .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertEquals(
          StrataProcessor.class.getName() + ",aggregating",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  // --- the harness ---

  /** Writes {@code sources} under {@code <name>/src} and compiles them all into {@code out}. */
  private Path build(String name, Map<String, String> sources) throws IOException {
    Path root = dir.resolve(name);
    compile(root, sources).assertSucceeded();
    return root;
  }

  private Result compile(Path root, Map<String, String> sources, String... options)
      throws IOException {
    return compile(root, sources, null, true, options);
  }

  /**
   * Writes {@code sources} under {@code root/src} and compiles just them with {@code -d root/out
   * -cp root/out[:extra]:<runtime>}, the Strata processor set explicitly.
   */
  private static Result compile(
      Path root,
      Map<String, String> sources,
      Path extraClassPath,
      boolean outputOnClassPath,
      String... options)
      throws IOException {
    Path src = root.resolve("src");
    Path out = root.resolve("out");
    Files.createDirectories(out);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file);
    }
    List<String> classPath = new ArrayList<>();
    if (outputOnClassPath) {
      classPath.add(out.toString());
    }
    if (extraClassPath != null) {
      classPath.add(extraClassPath.toString());
    }
    classPath.add(runtimeClasses());
    List<String> all =
        new ArrayList<>(
            List.of(
                "-d",
                out.toString(),
                "-cp",
                String.join(java.io.File.pathSeparator, classPath),
                "-implicit:none",
                Sources.LINT));
    all.addAll(Arrays.asList(options));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              fileManager,
              diagnostics,
              all,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      task.setProcessors(List.of(new StrataProcessor()));
      boolean ok = task.call();
      return new Result(ok, diagnostics.getDiagnostics());
    }
  }

  /** Where {@code dev.strata.annotation} and the rest of the runtime are, classes or jar. */
  private static String runtimeClasses() {
    try {
      return Path.of(
              MigrationRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Result(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    void assertSucceeded() {
      assertTrue(ok, () -> "compilation failed: " + render());
      List<String> warnings =
          diagnostics.stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
              .map(d -> d.getMessage(null))
              // javac's -Xlint:processing-style note on regenerating a type found in the output
              .filter(m -> !m.contains("already exists on the sourcepath or classpath"))
              .toList();
      assertEquals(List.of(), warnings);
    }

    void assertFailedWith(String... fragments) {
      assertFalse(ok, "compilation succeeded");
      String text = render();
      for (String fragment : fragments) {
        assertTrue(text.contains(fragment), () -> "no '" + fragment + "' in: " + text);
      }
    }

    String render() {
      return diagnostics.stream()
          .map(d -> d.getKind() + ": " + d.getMessage(null))
          .reduce("", (a, b) -> a + "\n" + b);
    }
  }

  /**
   * Every file under {@code out}, generated sources, resources, service entries, the index and the
   * class files, has the same bytes in both.
   */
  private static void assertSameOutput(Path expected, Path actual) {
    Map<String, String> left = files(expected.resolve("out"));
    Map<String, String> right = files(actual.resolve("out"));
    assertEquals(left.keySet(), right.keySet());
    left.forEach((path, content) -> assertEquals(content, right.get(path), path));
    assertTrue(left.containsKey("META-INF/strata/index"), left.keySet()::toString);
    assertTrue(left.containsKey("app/StrataSchema.java"), left.keySet()::toString);
  }

  /** Relative path → content (ISO-8859-1, so that class files compare byte for byte). */
  private static Map<String, String> files(Path root) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(file).toString().replace('\\', '/'),
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String read(Path root, String path) throws IOException {
    return Files.readString(root.resolve("out").resolve(path));
  }

  /** The {@code sha256:...} on the index line of {@code type}. */
  private static String checksum(String index, String type) {
    return index
        .lines()
        .filter(line -> line.startsWith("app." + type + " checksum="))
        .findFirst()
        .map(line -> line.substring(line.indexOf('=') + 1))
        .orElseThrow(() -> new AssertionError("no checksum for " + type + " in " + index));
  }
}
