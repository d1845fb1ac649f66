package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.Sources.annotated;
import static dev.strata.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A name clash is reported on every declaration involved, each at its own line and naming the
 * others, as {@code [DuplicateVersion]} is: the user may fix either side.
 */
class NameClashTest {
  @Test
  void everyColumnOfAClashIsReportedNamingTheOthers() {
    JavaFileObject base =
        annotated(
            "app.Base",
            """
            public abstract class Base {
              @Id long id;
              String title;
            }
            """);
    JavaFileObject item =
        annotated(
            "app.Item",
            """
            @Entity
            public class Item extends Base {
              @Column(name = "TITLE") String heading;
              @Column(
                  name = "Title") String caption;
            }
            """);
    Compilation c = compile(base, item);

    assertThat(c).hadErrorCount(3);
    assertErrorAt(
        c,
        "[DuplicateColumn] Column 'title' of table 'item' is also declared by app.Item.heading"
            + " and app.Item.caption",
        base,
        "String title;");
    assertErrorAt(
        c,
        "[DuplicateColumn] Column 'TITLE' of table 'item' is also declared by app.Base.title"
            + " and app.Item.caption",
        item,
        "@Column(name = \"TITLE\")");
    assertErrorAt(
        c,
        "[DuplicateColumn] Column 'Title' of table 'item' is also declared by app.Base.title"
            + " and app.Item.heading",
        item,
        "name = \"Title\"");
  }

  @Test
  void everyTableAndViewOfAClashIsReportedNamingTheOthers() {
    JavaFileObject alpha =
        annotated("app.Alpha", "@Entity(table = \"thing\")\npublic class Alpha { @Id long id; }\n");
    JavaFileObject beta =
        annotated(
            "app.Beta",
            """
            @Entity(
                table = "Thing")
            public class Beta { @Id long id; }
            """);
    JavaFileObject gamma =
        annotated(
            "app.Gamma",
            "@View(name = \"THING\", sql = \"SELECT 1 AS one\")\npublic class Gamma {}\n");
    Compilation c = compile(gamma, beta, alpha);

    assertThat(c).hadErrorCount(3);
    assertErrorAt(
        c,
        "[DuplicateTable] Table or view 'thing' is also declared by app.Beta and app.Gamma",
        alpha,
        "@Entity(table = \"thing\")");
    assertErrorAt(
        c,
        "[DuplicateTable] Table or view 'Thing' is also declared by app.Alpha and app.Gamma",
        beta,
        "table = \"Thing\"");
    assertErrorAt(
        c,
        "[DuplicateTable] Table or view 'THING' is also declared by app.Alpha and app.Beta",
        gamma,
        "@View(name = \"THING\"");
  }

  @Test
  void everyIndexOfAClashAcrossEntitiesIsReportedNamingTheOthers() {
    JavaFileObject pet =
        annotated(
            "app.Pet",
            """
            @Entity
            @Index(columns = "name", name = "ix_pet")
            public class Pet { @Id long id; String name; }
            """);
    JavaFileObject toy =
        annotated(
            "app.Toy",
            """
            @Entity
            @Index(columns = "label",
                name = "IX_PET")
            public class Toy { @Id long id; String label; }
            """);
    Compilation c = compile(toy, pet);

    assertThat(c).hadErrorCount(2);
    assertErrorAt(
        c,
        "[DuplicateIndex] Index 'ix_pet' is declared more than once: also by app.Toy as 'IX_PET'",
        pet,
        "name = \"ix_pet\"");
    assertErrorAt(
        c,
        "[DuplicateIndex] Index 'IX_PET' is declared more than once: also by app.Pet as 'ix_pet'",
        toy,
        "name = \"IX_PET\"");
  }

  /** Inside a container javac synthesized, each repeated annotation still gets its own line. */
  @Test
  void derivedAndRepeatedIndexesOfAClashAreEachReportedOnTheirOwnLine() {
    JavaFileObject pair =
        annotated(
            "app.Pair",
            """
            @Entity(table = "t")
            @Index(columns = "a_b")
            @Index(
                columns = {"a", "b"})
            public class Pair { @Id long id; long a; long b; long aB; }
            """);
    Compilation c = compile(pair);

    assertThat(c).hadErrorCount(2);
    assertErrorAt(
        c,
        "[DuplicateIndex] Index 'ix_t_a_b' is declared more than once: also by app.Pair as"
            + " 'ix_t_a_b' (derived from columns a, b)",
        pair,
        "@Index(columns = \"a_b\")");
    assertErrorAt(
        c,
        "[DuplicateIndex] Index 'ix_t_a_b' is declared more than once: also by app.Pair as"
            + " 'ix_t_a_b' (derived from columns a_b)",
        pair,
        "columns = {\"a\", \"b\"}");
  }
}
