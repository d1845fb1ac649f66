package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.testing.compile.Compilation;
import com.sun.source.util.Trees;
import dev.strata.processor.migration.MigrationParser;
import dev.strata.processor.migration.checksum.Checksums;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The Java-form checksum: pinned across JDKs, and where javac's Trees API is unavailable. */
class ChecksumsTest {
  /** Constructs that javac's pretty printer renders differently from one JDK to the next. */
  private static final String MODERN =
      """
      import dev.strata.JavaMigration;
      import dev.strata.MigrationContext;
      import dev.strata.annotation.Migration;
      import java.sql.PreparedStatement;
      import java.util.List;

      @Migration(version = 5, description = "Grade bins")
      public class GradeBins implements JavaMigration {
        @Override
        public void up(MigrationContext ctx) throws Exception {
          var sizes = List.of(1, 20, 300);
          try (PreparedStatement insert = ctx.connection().prepareStatement(\"""
              INSERT INTO bins (size, grade)
              VALUES (?, ?)
              \""")) {
            for (var size : sizes) {
              String grade = switch (size / 10) {
                case 0 -> "small";
                case 1, 2 -> "medium";
                default -> {
                  String big = "large";
                  yield big;
                }
              };
              insert.setInt(1, size);
              insert.setString(2, grade);
              insert.executeUpdate();
            }
          }
          sizes.forEach(size -> System.out.println(size));
        }
      }
      """;

  @Test
  void javaChecksumIsPinnedSoThatEveryJdkComputesTheSameOne() {
    Compilation c = Sources.compile(migrationSource("GradeBins", MODERN));

    assertThat(c).succeeded();
    assertEquals(
        "sha256:1be9e12eb952a37a7cc1337d708e2aa514727e5603aae2687dc5882ec36c8e9b",
        ExampleMigrations.registry(c).migrations().get(0).checksum(),
        "the Java checksum changed: on another JDK, or because the normalisation changed, which"
            + " would flag every applied Java migration as edited");
  }

  private static final String MIGRATION =
      """
      @dev.strata.annotation.Migration(version = 1)
      public class Backfill implements dev.strata.JavaMigration {
        public void up(dev.strata.MigrationContext ctx) throws Exception {
          ctx.execute("UPDATE parts SET code = id");
        }
      }
      """;

  @Test
  void withoutTreesDeclarationsAreHashedButBodiesAndDownAreNot() {
    String original = fallbackChecksum(MIGRATION);
    String bodyEdited = fallbackChecksum(MIGRATION.replace("code = id", "code = name"));
    String downAdded =
        fallbackChecksum(
            MIGRATION.replace(
                "  public void up(",
                "  public void down(dev.strata.MigrationContext ctx) {}\n  public void up("));
    String signatureEdited =
        fallbackChecksum(
            MIGRATION.replace("  public void up(", "  static void helper() {}\n  public void up("));

    assertEquals(original, bodyEdited);
    assertEquals(original, downAdded);
    assertNotEquals(original, signatureEdited);
    assertEquals(Checksums.PREFIX, original.substring(0, Checksums.PREFIX.length()));
  }

  @Test
  void withoutTreesOneNoteSaysSoForTheWholeCompilation() {
    JavaFileObject first = migrationSource("Backfill", MIGRATION);
    JavaFileObject second =
        migrationSource(
            "Refill",
            MIGRATION
                .replace("version = 1", "version = 2")
                .replace("class Backfill", "class Refill"));
    Compilation c =
        Sources.compileWith(
            List.of(
                new OnMigrations(
                    (env, types) -> {
                      MigrationParser parser =
                          new MigrationParser(
                              env.getElementUtils(),
                              env.getTypeUtils(),
                              new Checksums((Trees) null));
                      new MigrationStep(parser)
                          .validate(types)
                          .report()
                          .printMessagesTo(env.getMessager());
                    })),
            List.of(first, second));

    assertThat(c).succeeded();
    assertEquals(
        1,
        c.notes().stream()
            .filter(note -> note.getMessage(null).startsWith("[ChecksumFallback]"))
            .count());
    assertThat(c)
        .hadNoteContaining("[ChecksumFallback]")
        .inFile(first)
        .onLineContaining("class Backfill");
  }

  private static String fallbackChecksum(String body) {
    JavaFileObject file = migrationSource("Backfill", body);
    List<String> checksums = new ArrayList<>();
    Checksums withoutTrees = new Checksums((Trees) null);
    Compilation c =
        Sources.compileWith(
            List.of(
                new OnMigrations(
                    (env, types) ->
                        types.forEach(type -> checksums.add(withoutTrees.ofJava(type))))),
            List.of(file));
    assertThat(c).succeeded();
    assertEquals(1, checksums.size());
    return checksums.get(0);
  }
}
