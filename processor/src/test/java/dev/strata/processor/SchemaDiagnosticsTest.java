package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.Sources.annotated;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per entity diagnostic: its tag, the file, the line, and no other error. */
class SchemaDiagnosticsTest {
  /** The table that references and views point at: a key, a unique column, an indexed column. */
  private static final JavaFileObject OWNER =
      annotated(
          "app.Owner",
          """
          @Entity
          @Index(columns = "name")
          public class Owner {
            @Id long id;
            @Column(unique = true) String email;
            String name;
          }
          """);

  /** A table with a two-column primary key. */
  private static final JavaFileObject PAIR =
      annotated(
          "app.Pair",
          """
          @Entity
          public record Pair(@Id long left, @Id long right) {}
          """);

  /**
   * {@code app.<simpleName>} under the class annotations {@code annotations} (one or more lines,
   * {@code @Entity} among them), with the field {@code @Id long id}, then {@code fields}, one to a
   * line.
   */
  private static JavaFileObject entity(String simpleName, String annotations, String... fields) {
    StringBuilder body = new StringBuilder(annotations.stripTrailing()).append('\n');
    body.append("public class ").append(simpleName).append(" {\n  @Id long id;\n");
    for (String field : fields) {
      body.append("  ").append(field).append('\n');
    }
    return annotated("app." + simpleName, body.append("}\n").toString());
  }

  /** {@link #entity} {@code app.Pet}, under {@code @Entity} and {@code annotations} (if any). */
  private static JavaFileObject pet(String annotations, String... fields) {
    return entity("Pet", ("@Entity\n" + annotations).stripTrailing(), fields);
  }

  /** {@code app.<simpleName>}: an empty class under {@code view}, its {@code @View} annotation. */
  private static JavaFileObject view(String simpleName, String view) {
    return annotated(
        "app." + simpleName, view.stripTrailing() + "\npublic class " + simpleName + " {}\n");
  }

  /** {@code app.<simpleName>} from one line, {@code declaration}, for parameterized shapes. */
  private static JavaFileObject oneLine(String simpleName, String declaration) {
    return annotated("app." + simpleName, declaration + "\n");
  }

  @Nested
  class ShapesAndKeys {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "@Entity public enum Color { RED; @Id long id; }",
          "@Entity public interface Color { }",
          "@Entity public @interface Color { }",
          "@Entity @View(sql = \"SELECT 1 AS id\") public class Color { @Id long id; }"
        })
    void entityShape(String declaration) {
      JavaFileObject color = oneLine("Color", declaration);
      assertOnlyErrorAt(compile(color), "[EntityShape]", color, "@Entity");
    }

    @Test
    void entityMissingId() {
      JavaFileObject note =
          annotated(
              "app.Note",
              """
              @Entity(table = "note")
              public class Note {
                String text;
              }
              """);
      assertOnlyErrorAt(
          compile(note),
          "[EntityMissingId] Entity app.Note has no @Id",
          note,
          "@Entity(table = \"note\")");
    }

    @Test
    void autoIncrementOnText() {
      JavaFileObject tag =
          annotated(
              "app.Tag",
              """
              @Entity
              public class Tag {
                @Id(autoIncrement = true) String code;
              }
              """);
      assertOnlyErrorAt(
          compile(tag),
          "[AutoIncrementType] autoIncrement needs a single integral primary key,"
              + " but 'code' is a java.lang.String",
          tag,
          "autoIncrement = true");
    }

    @Test
    void autoIncrementInCompositeKey() {
      JavaFileObject pair =
          annotated(
              "app.Pair",
              """
              @Entity
              public record Pair(
                  @Id(autoIncrement = true) long left,
                  @Id long right) {}
              """);
      Compilation compilation = compile(pair);
      assertErrorAt(
          compilation, "[AutoIncrementType]", pair, "@Id(autoIncrement = true) long left");
      assertThat(compilation).hadErrorContaining("the primary key has 2 columns");
      assertThat(compilation).hadErrorCount(1);
    }
  }

  @Nested
  class ColumnsAndTypes {
    @Test
    void duplicateColumn() {
      JavaFileObject item =
          entity("Item", "@Entity", "String title;", "@Column(name = \"TITLE\") String heading;");
      Compilation compilation = compile(item);
      assertErrorAt(
          compilation,
          "[DuplicateColumn] Column 'TITLE' of table 'item' is also declared by app.Item.title",
          item,
          "@Column(name = \"TITLE\")");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void unsupportedType() {
      JavaFileObject event = entity("Event", "@Entity", "java.util.Date at;");
      assertOnlyErrorAt(
          compile(event),
          "[UnsupportedType] Strata cannot map Java type java.util.Date to a SQLite type."
              + " Hint: declare the column type with @Column(sqlType = \"TEXT\")",
          event,
          "java.util.Date at;");
    }

    @Test
    void recordComponentsAreColumnsAndCarryPositions() {
      JavaFileObject point =
          annotated(
              "app.Point",
              """
              @Entity
              public record Point(
                  @Id long id,
                  java.awt.Color color) {}
              """);
      assertOnlyErrorAt(
          compile(point),
          "[UnsupportedType] Strata cannot map Java type java.awt.Color",
          point,
          "java.awt.Color color");
    }

    /** The JDK's classes hold private state, not columns: the walk up the hierarchy stops there. */
    @Test
    void jdkSuperclassFieldsAreNotColumns() {
      JavaFileObject stamp =
          annotated(
              "app.Stamp",
              """
              @Entity
              public class Stamp extends java.util.Date {
                private static final long serialVersionUID = 1L;
                @Id long id;
              }
              """);
      assertThat(compile(stamp)).succeededWithoutWarnings();
    }

    @Test
    void conflictingAnnotations() {
      JavaFileObject pet =
          annotated(
              "app.Pet",
              """
              @Entity
              public class Pet {
                @Id @Column(nullable = Nullability.NULLABLE) Long id;
                @Transient @Id long cache;
                @Transient
                @Column(name = "shown") String label;
              }
              """);
      Compilation compilation = compile(pet);
      assertErrorAt(
          compilation,
          "[ConflictingAnnotations] @Id column 'id' cannot be NULLABLE",
          pet,
          "nullable = Nullability.NULLABLE");
      assertErrorAt(
          compilation,
          "[ConflictingAnnotations] @Transient field 'cache' is not a column, so its"
              + " @Id does not apply",
          pet,
          "@Transient @Id long cache");
      assertErrorAt(
          compilation,
          "[ConflictingAnnotations] @Transient field 'label' is not a column, so its"
              + " @Column does not apply",
          pet,
          "@Column(name = \"shown\")");
      assertThat(compilation).hadErrorCount(3);
    }
  }

  @Nested
  class Names {
    @Test
    void duplicateTableBetweenEntities() {
      JavaFileObject first = entity("Alpha", "@Entity(table = \"thing\")");
      JavaFileObject second = entity("Beta", "@Entity(table = \"Thing\")");
      Compilation compilation = compile(second, first);
      assertErrorAt(
          compilation,
          "[DuplicateTable] Table or view 'Thing' is also declared by app.Alpha",
          second,
          "@Entity(table = \"Thing\")");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void duplicateTableBetweenTableAndView() {
      JavaFileObject view = view("OwnerView", "@View(name = \"owner\", sql = \"SELECT 1 AS one\")");
      Compilation compilation = compile(OWNER, view);
      assertErrorAt(
          compilation, "[DuplicateTable] Table or view 'owner'", view, "@View(name = \"owner\"");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void reservedTableName() {
      JavaFileObject stat = entity("Stat", "@Entity(table = \"sqlite_stat\")");
      assertOnlyErrorAt(
          compile(stat),
          "[ReservedName] 'sqlite_stat' cannot be used as a name: the 'sqlite_'"
              + " prefix is reserved for SQLite's own objects",
          stat,
          "@Entity(table = \"sqlite_stat\")");
    }

    @Test
    void historyTableNameIsReserved() {
      JavaFileObject history = entity("History", "@Entity(table = \"Strata_History\")");
      assertOnlyErrorAt(
          compile(history),
          "[ReservedName] 'Strata_History' cannot be used as a name: the name"
              + " belongs to Strata's history table",
          history,
          "@Entity(table = \"Strata_History\")");
    }

    @Test
    void repeatablesTableNameIsReserved() {
      JavaFileObject view =
          view("Runs", "@View(name = \"strata_repeatables\", sql = \"SELECT 1\")");
      assertOnlyErrorAt(
          compile(view),
          "[ReservedName] 'strata_repeatables' cannot be used as a name: the name"
              + " belongs to Strata's table of repeatable migrations",
          view,
          "@View(name = \"strata_repeatables\"");
    }

    @Test
    void blankColumnName() {
      JavaFileObject stat = entity("Stat", "@Entity", "@Column(name = \" \") String label;");
      assertOnlyErrorAt(
          compile(stat),
          "[ReservedName] ' ' cannot be used as a name: a name must not be blank",
          stat,
          "@Column(name = \" \")");
    }
  }

  @Nested
  class Indexes {
    @Test
    void duplicateIndex() {
      JavaFileObject pet = pet("@Index(columns = \"name\", name = \"ix_pet\")", "String name;");
      JavaFileObject toy =
          entity(
              "Toy",
              """
              @Entity
              @Index(columns = "label",
                  name = "IX_PET")
              """,
              "String label;");
      Compilation compilation = compile(toy, pet);
      assertErrorAt(
          compilation,
          "[DuplicateIndex] Index 'IX_PET' is declared more than once",
          toy,
          "name = \"IX_PET\"");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    /** The second name was derived, so the error points at the columns it was derived from. */
    @Test
    void derivedIndexNamesThatCollide() {
      JavaFileObject pair =
          annotated(
              "app.Pair",
              """
              @Entity(table = "t")
              @Index.List({
                  @Index(columns = "a_b"),
                  @Index(
                      columns = {"a", "b"})})
              public class Pair { @Id long id; long a; long b; long aB; }
              """);
      Compilation compilation = compile(pair);
      assertErrorAt(
          compilation, "[DuplicateIndex] Index 'ix_t_a_b'", pair, "columns = {\"a\", \"b\"}");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void unknownColumnInIndex() {
      JavaFileObject pet = pet("@Index(columns = {\"name\", \"nmae\"})", "String name;");
      assertOnlyErrorAt(
          compile(pet),
          "[UnknownColumn] Table 'pet' has no column 'nmae'. Hint: use one of the"
              + " columns: id, name",
          pet,
          "@Index(columns = {\"name\", \"nmae\"})");
    }

    @Test
    void indexNamedLikeATableIsRejectedBySqlite() {
      JavaFileObject pet =
          pet(
              """
              @Index(columns = "name",
                  name = "owner")
              """,
              "String name;");
      assertOnlyErrorAt(
          compile(OWNER, pet),
          "[InvalidSql] SQLite rejects index 'owner': there is already a table named owner",
          pet,
          "@Index(columns = \"name\"");
    }
  }

  @Nested
  class ForeignKeys {
    @Test
    void unknownColumnInForeignKey() {
      JavaFileObject pet =
          pet(
              """
              @ForeignKey(
                  columns = "owner",
                  entity = Owner.class, references = "id")
              """,
              "long ownerId;");
      assertOnlyErrorAt(
          compile(OWNER, pet),
          "[UnknownColumn] Table 'pet' has no column 'owner'",
          pet,
          "columns = \"owner\"");
    }

    @Test
    void referenceNotEntity() {
      JavaFileObject pet =
          pet("@Index(columns = \"owner_id\")", "@References(entity = String.class) long ownerId;");
      assertOnlyErrorAt(
          compile(pet),
          "[ReferenceNotEntity] java.lang.String is not an @Entity",
          pet,
          "@References(entity = String.class)");
    }

    @Test
    void referenceColumnMissing() {
      JavaFileObject pet =
          pet(
              "@Index(columns = \"owner_mail\")",
              "@References(entity = Owner.class, column = \"mail\") String ownerMail;");
      assertOnlyErrorAt(
          compile(OWNER, pet),
          "[ReferenceColumnMissing] Referenced table 'owner' has no column 'mail'."
              + " Hint: reference one of its columns: id, email, name",
          pet,
          "column = \"mail\"");
    }

    @Test
    void referenceNotUnique() {
      JavaFileObject pet =
          pet(
              "@Index(columns = \"owner_name\")",
              "@References(entity = Owner.class, column = \"name\") String ownerName;");
      assertOnlyErrorAt(
          compile(OWNER, pet),
          "[ReferenceNotUnique] Referenced columns [name] of table 'owner' are"
              + " neither its primary key nor unique",
          pet,
          "column = \"name\"");
    }

    @Test
    void uniqueColumnMayBeReferenced() {
      JavaFileObject pet =
          pet(
              "@Index(columns = \"owner_email\")",
              "@References(entity = Owner.class, column = \"email\") String ownerEmail;");
      assertThat(compile(OWNER, pet)).succeededWithoutWarnings();
    }

    @Test
    void foreignKeyArity() {
      JavaFileObject pet =
          pet(
              """
              @ForeignKey(columns = {"owner_id", "owner_name"}, entity = Owner.class,
                  references = {"id"})
              """,
              "long ownerId;",
              "String ownerName;");
      assertOnlyErrorAt(
          compile(OWNER, pet),
          "[ForeignKeyArity] Foreign key has 2 columns but references 1",
          pet,
          "references = {\"id\"}");
    }

    @Test
    void defaultReferenceToACompositeKeyHasTheWrongArity() {
      JavaFileObject pet =
          pet("@Index(columns = \"pair_left\")", "@References(entity = Pair.class) long pairLeft;");
      assertOnlyErrorAt(
          compile(PAIR, pet),
          "[ForeignKeyArity] Foreign key has 1 columns but references 2",
          pet,
          "@References(entity = Pair.class)");
    }

    @Test
    void referenceToAnEntityWithoutKeyReportsOnlyTheMissingKey() {
      JavaFileObject note =
          annotated(
              "app.Note",
              """
              @Entity
              public class Note { String text; }
              """);
      JavaFileObject pet =
          pet("@Index(columns = \"note_id\")", "@References(entity = Note.class) long noteId;");
      assertOnlyErrorAt(compile(note, pet), "[EntityMissingId]", note, "@Entity");
    }

    @Test
    void unindexedForeignKeyIsAWarning() {
      JavaFileObject pet = pet("", "@References(entity = Owner.class) Long ownerId;");
      Compilation compilation = compile(OWNER, pet);
      assertThat(compilation).succeeded();
      assertThat(compilation)
          .hadWarningContaining(
              "[UnindexedForeignKey] Foreign key (owner_id) of table 'pet' has"
                  + " no index starting with its columns")
          .inFile(pet)
          .onLineContaining("@References(entity = Owner.class)");
      assertThat(compilation).hadWarningCount(1);
    }

    @Test
    void indexInAnyColumnOrderCoversACompositeForeignKey() {
      JavaFileObject pet =
          annotated(
              "app.Pet",
              """
              @Entity
              @ForeignKey(columns = {"a", "b"}, entity = Pair.class, references = {"left", "right"})
              @Index(columns = {"b", "a", "id"})
              public record Pet(@Id long id, long a, long b) {}
              """);
      assertThat(compile(PAIR, pet)).succeededWithoutWarnings();
    }
  }

  /**
   * javac synthesizes the container of a repeated annotation and cannot position it, nor anything
   * inside it; the processor finds the annotation in the source instead of landing on the type.
   */
  @Nested
  class PositionsInRepeatedAnnotations {
    @Test
    void duplicateIndexAmongRepeatedAnnotations() {
      JavaFileObject pet =
          pet(
              """
              @Index(columns = "name", name = "ix_pet")
              @Index(columns = "born", name = "IX_PET")
              """,
              "String name;",
              "int born;");
      Compilation compilation = compile(pet);
      assertErrorAt(
          compilation,
          "[DuplicateIndex] Index 'IX_PET' is declared more than once",
          pet,
          "name = \"IX_PET\"");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void duplicateIndexInAnExplicitContainerIsPositioned() {
      JavaFileObject pet =
          pet(
              """
              @Index.List({
                  @Index(columns = "name", name = "ix_pet"),
                  @Index(columns = "born", name = "IX_PET")})
              """,
              "String name;",
              "int born;");
      Compilation compilation = compile(pet);
      assertErrorAt(compilation, "[DuplicateIndex] Index 'IX_PET'", pet, "name = \"IX_PET\"");
      assertThat(compilation).hadErrorCount(2); // the other one is reported on its own line
    }

    @Test
    void problemsInRepeatedAnnotationsLandOnTheAttribute() {
      JavaFileObject pet =
          pet(
              """
              @Index(columns = "name")
              @Index(columns = {"name",
                  "nmae"})
              @ForeignKey(columns = "owner_id", entity = Owner.class, references = "id")
              @ForeignKey(columns = {"owner_id", "name"}, entity = Owner.class,
                  references = {"id"})
              @ForeignKey(columns = "name", entity = Owner.class,
                  references = "nick")
              """,
              "long ownerId;",
              "String name;");
      Compilation compilation = compile(OWNER, pet);
      assertErrorAt(
          compilation, "[UnknownColumn] Table 'pet' has no column 'nmae'", pet, "\"nmae\"})");
      assertErrorAt(
          compilation,
          "[ForeignKeyArity] Foreign key has 2 columns but references 1",
          pet,
          "references = {\"id\"})");
      assertErrorAt(
          compilation,
          "[ReferenceColumnMissing] Referenced table 'owner' has no column 'nick'",
          pet,
          "references = \"nick\")");
      assertThat(compilation).hadErrorCount(3);
    }
  }

  @Nested
  class Views {
    @Test
    void viewNotSelect() {
      JavaFileObject view =
          view(
              "Purge",
              """
              @View(
                  sql = "DELETE FROM owner")
              """);
      assertOnlyErrorAt(
          compile(OWNER, view),
          "[ViewNotSelect] View 'purge' must be defined by a single SELECT",
          view,
          "sql = \"DELETE FROM owner\"");
    }

    @Test
    void viewWithTwoStatements() {
      JavaFileObject view =
          view("Sneaky", "@View(sql = \"SELECT ';' AS semicolon; DROP TABLE owner\")");
      assertOnlyErrorAt(
          compile(OWNER, view), "[ViewNotSelect] View 'sneaky'", view, "DROP TABLE owner");
    }

    @Test
    void invalidViewSqlIsReportedOnTheView() {
      JavaFileObject view =
          view(
              "OwnerNames",
              """
              @View(
                  sql = "SELECT nickname FROM owner")
              """);
      assertOnlyErrorAt(
          compile(OWNER, view),
          "[InvalidSql] SQLite rejects view 'owner_names': no such column: nickname",
          view,
          "sql = \"SELECT nickname FROM owner\"");
    }
  }

  @Nested
  class Triggers {
    @Test
    void invalidTriggerBodyIsReportedOnTheTrigger() {
      JavaFileObject log =
          entity(
              "Log",
              """
              @Entity
              @Trigger(
                  sql = "CREATE TRIGGER log_bad AFTER INSERT ON log BEGIN INSERT INTO audit \
              VALUES (1); END")
              """);
      assertOnlyErrorAt(
          compile(log),
          "[InvalidSql] SQLite rejects trigger 'log_bad': no such table: main.audit",
          log,
          "CREATE TRIGGER log_bad");
    }

    @Test
    void onlyTheBrokenOneOfSeveralTriggersIsReported() {
      JavaFileObject log =
          entity(
              "Log",
              """
              @Entity
              @Trigger(sql = "CREATE TRIGGER log_ok AFTER INSERT ON log BEGIN SELECT 1; END")
              @Trigger(sql = "CREATE TRIGGER log_bad AFTER INSERT ON log BEGIN INSERT INTO \
              audit VALUES (1); END")
              @Trigger(sql = "CREATE TRIGGER log_worse AFTER DELETE ON log BEGIN DELETE FROM \
              nowhere; END")
              """);
      Compilation compilation = compile(log);
      assertErrorAt(
          compilation,
          "[InvalidSql] SQLite rejects trigger 'log_bad': no such table: main.audit",
          log,
          "CREATE TRIGGER log_bad");
      assertErrorAt(
          compilation,
          "[InvalidSql] SQLite rejects trigger 'log_worse': no such table: main.nowhere",
          log,
          "CREATE TRIGGER log_worse");
      assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void triggerSqlMustCreateATrigger() {
      JavaFileObject log =
          entity(
              "Log",
              """
              @Entity
              @Trigger(
                  sql = "DELETE FROM log")
              """);
      assertOnlyErrorAt(compile(log), "[InvalidSql]", log, "sql = \"DELETE FROM log\"");
    }

    /** sqlite-jdbc runs only the first statement, so a tail would reach schema.sql unchecked. */
    @Test
    void triggerSqlMustBeOneStatement() {
      JavaFileObject log =
          entity(
              "Log",
              """
              @Entity
              @Trigger(
                  sql = "CREATE TRIGGER log_ok AFTER INSERT ON log BEGIN SELECT 1; END; DROP \
              TABLE log")
              """);
      Compilation compilation = compile(log);
      assertErrorAt(compilation, "[InvalidSql]", log, "DROP TABLE log\")");
      assertThat(compilation).hadErrorContaining("but it holds 2");
      assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void triggerNameMustMatchItsSql() {
      JavaFileObject stat =
          entity(
              "Stat",
              """
              @Entity
              @Trigger(name = "stat_audit",
                  sql = "CREATE TRIGGER stat_log AFTER INSERT ON stat BEGIN SELECT 1; END")
              """);
      assertOnlyErrorAt(
          compile(stat),
          "[TriggerNameMismatch] @Trigger name 'stat_audit' differs from the trigger"
              + " its SQL creates, 'stat_log'",
          stat,
          "@Trigger(name = \"stat_audit\"");
    }

    /** SQLite folds ASCII case in names, and reads a non-ASCII name whole. */
    @Test
    void triggerNameComparesAsSqliteDoes() {
      JavaFileObject stat =
          entity(
              "Stat",
              """
              @Entity
              @Trigger(name = "K_Audit", sql = "CREATE TRIGGER k_audit AFTER INSERT ON stat \
              BEGIN SELECT 1; END")
              @Trigger(name = "tëst", sql = "CREATE TRIGGER IF NOT EXISTS main.tëst AFTER \
              DELETE ON stat BEGIN SELECT 1; END")
              """);
      assertThat(compile(stat)).succeededWithoutWarnings();
    }

    @Test
    void nonAsciiTriggerNameIsReadWhole() {
      JavaFileObject stat =
          entity(
              "Stat",
              """
              @Entity
              @Trigger(name = "t",
                  sql = "CREATE TRIGGER tëst AFTER INSERT ON stat BEGIN SELECT 1; END")
              """);
      assertOnlyErrorAt(
          compile(stat),
          "[TriggerNameMismatch] @Trigger name 't' differs from the trigger its SQL"
              + " creates, 'tëst'",
          stat,
          "@Trigger(name = \"t\"");
    }
  }

  @Nested
  class DefaultsChecksAndCollations {
    @Test
    void unquotedDefault() {
      JavaFileObject tag =
          annotated(
              "app.Tag",
              """
              @Entity
              public class Tag {
                @Id long id;
                @Column(nullable = Nullability.NOT_NULL,
                    defaultValue = "abc") String label;
                @Column(defaultValue = "CURRENT_TIMESTAMP") String created;
                @Column(defaultValue = "'x'") String quoted;
                @Column(defaultValue = "-1") int number;
              }
              """);
      Compilation compilation = compile(tag);
      assertErrorAt(
          compilation,
          "[UnquotedDefault] Default value abc of column 'label' is a bare name",
          tag,
          "defaultValue = \"abc\"");
      assertThat(compilation).hadErrorContaining("Hint: write it as the string literal 'abc'");
      assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void invalidCheckIsReportedOnTheCheck() {
      JavaFileObject product =
          annotated(
              "app.Product",
              """
              @Entity
              public class Product {
                @Id long id;
                @Column(collate = "NOCASE",
                    check = "prize > 0")
                double price;
              }
              """);
      assertOnlyErrorAt(
          compile(product),
          "[InvalidSql] SQLite rejects the check of column 'price' in table"
              + " 'product': no such column: prize",
          product,
          "check = \"prize > 0\"");
    }

    @Test
    void invalidCollationIsReportedOnTheCollation() {
      JavaFileObject product =
          annotated(
              "app.Product",
              """
              @Entity
              public class Product {
                @Id long id;
                @Column(check = "length(name) > 0",
                    collate = "GERMAN")
                String name;
              }
              """);
      assertOnlyErrorAt(
          compile(product),
          "[InvalidSql] SQLite rejects the collate of column 'name' in table"
              + " 'product': no such collation sequence: GERMAN",
          product,
          "collate = \"GERMAN\"");
    }
  }

  /** Unresolved names and types: javac reports them, and Strata adds nothing of its own. */
  @Nested
  class LeftToJavac {
    @Test
    void unresolvableColumnAttributeIsLeftToJavac() {
      JavaFileObject pet = pet("", "@Column(unique = Missing.FLAG) String name;");
      assertOnlyErrorAt(compile(pet), "cannot find symbol", pet, "Missing.FLAG");
    }

    /** javac reports the missing constant; a second, internal error would only confuse. */
    @ParameterizedTest
    @ValueSource(
        strings = {
          "@Entity(table = Names.PET) public class Pet { @Id long id; }",
          "@Entity public class Pet { @Id long id; @Column(unique = Missing.FLAG) String name; }",
          "@Entity public class Pet { @Id long id; @Column(name = Names.NAME) String name; }",
          "@Entity public class Pet { @Id long id; @Column(nullable = Missing.NO) String name; }",
          "@Entity @Index(columns = {Names.NAME, \"id\"}) public class Pet { @Id long id; }",
          "@Entity @Index(columns = \"id\", unique = Missing.FLAG) public class Pet { @Id long id;"
              + " }",
          "@Entity @Trigger(sql = Sql.TRIGGER) public class Pet { @Id long id; }",
          "@Entity @Index.List(Missing.INDEXES) public class Pet { @Id long id; }",
          "@Entity public class Pet { @Id(autoIncrement = Missing.FLAG) long id; }",
          "@Entity public class Pet { @Id long id; @References(entity = Pet.class,"
              + " onDelete = Missing.CASCADE) long parent; }",
          "@View(sql = Sql.VIEW) public class Pet {}",
        })
    void unresolvableAttributesAreLeftToJavac(String declaration) {
      JavaFileObject pet = oneLine("Pet", declaration);
      Compilation compilation = compile(pet);
      assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(pet);
      // javac may add its own follow-up (an enum value must be a constant); Strata adds nothing.
      compilation
          .errors()
          .forEach(
              e ->
                  assertFalse(
                      e.getMessage(Locale.ROOT).startsWith("["), () -> e.getMessage(Locale.ROOT)));
      assertThat(compilation).hadWarningCount(0);
    }

    @Test
    void unresolvedTypesAreLeftToJavac() {
      JavaFileObject pet =
          pet(
              "@Index(columns = \"owner_id\")",
              "Colour colour;",
              "@References(entity = Missing.class) long ownerId;");
      Compilation compilation = compile(pet);
      assertErrorAt(compilation, "cannot find symbol", pet, "Colour colour");
      assertErrorAt(compilation, "cannot find symbol", pet, "Missing.class");
      assertThat(compilation).hadErrorCount(2);
    }
  }
}
