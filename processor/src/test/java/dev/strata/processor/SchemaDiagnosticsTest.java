package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.Sources.compile;
import static dev.strata.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per entity diagnostic: its tag, the file, the line, and no other error. */
class SchemaDiagnosticsTest {
  private static final JavaFileObject OWNER = source("app.Owner", """
      package app;
      import dev.strata.annotation.*;
      @Entity
      @Index(columns = "name")
      public class Owner {
        @Id long id;
        @Column(unique = true) String email;
        String name;
      }
      """);

  @Test
  void entityMissingId() {
    JavaFileObject note = source("app.Note", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "note")
        public class Note {
          String text;
        }
        """);
    Compilation compilation = compile(note);
    assertThat(compilation).hadErrorContaining("[EntityMissingId] Entity app.Note has no @Id")
        .inFile(note).onLineContaining("@Entity(table = \"note\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void autoIncrementOnText() {
    JavaFileObject tag = source("app.Tag", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Tag {
          @Id(autoIncrement = true) String code;
        }
        """);
    Compilation compilation = compile(tag);
    assertThat(compilation)
        .hadErrorContaining("[AutoIncrementType] autoIncrement needs a single integral primary key,"
            + " but 'code' is a java.lang.String")
        .inFile(tag).onLineContaining("autoIncrement = true");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void autoIncrementInCompositeKey() {
    JavaFileObject pair = source("app.Pair", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public record Pair(
            @Id(autoIncrement = true) long left,
            @Id long right) {}
        """);
    Compilation compilation = compile(pair);
    assertThat(compilation).hadErrorContaining("[AutoIncrementType]")
        .inFile(pair).onLineContaining("@Id(autoIncrement = true) long left");
    assertThat(compilation).hadErrorContaining("the primary key has 2 columns");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateColumn() {
    JavaFileObject item = source("app.Item", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Item {
          @Id long id;
          String title;
          @Column(name = "TITLE") String heading;
        }
        """);
    Compilation compilation = compile(item);
    assertThat(compilation)
        .hadErrorContaining("[DuplicateColumn] Column 'TITLE' is declared twice in table 'item'")
        .inFile(item).onLineContaining("@Column(name = \"TITLE\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateTableBetweenEntities() {
    JavaFileObject first = source("app.Alpha", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "thing")
        public class Alpha { @Id long id; }
        """);
    JavaFileObject second = source("app.Beta", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "Thing")
        public class Beta { @Id long id; }
        """);
    Compilation compilation = compile(second, first);
    assertThat(compilation)
        .hadErrorContaining("[DuplicateTable] Table or view 'Thing' is also declared by app.Alpha")
        .inFile(second).onLineContaining("@Entity(table = \"Thing\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateTableBetweenTableAndView() {
    JavaFileObject view = source("app.OwnerView", """
        package app;
        import dev.strata.annotation.*;
        @View(name = "owner", sql = "SELECT 1 AS one")
        public class OwnerView {}
        """);
    Compilation compilation = compile(OWNER, view);
    assertThat(compilation).hadErrorContaining("[DuplicateTable] Table or view 'owner'")
        .inFile(view).onLineContaining("@View(name = \"owner\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateIndex() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "name", name = "ix_pet")
        public class Pet {
          @Id long id;
          String name;
        }
        """);
    JavaFileObject toy = source("app.Toy", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "label",
            name = "IX_PET")
        public class Toy {
          @Id long id;
          String label;
        }
        """);
    Compilation compilation = compile(toy, pet);
    assertThat(compilation).hadErrorContaining("[DuplicateIndex] Index 'IX_PET' is declared more than once")
        .inFile(toy).onLineContaining("name = \"IX_PET\"");
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * javac synthesizes the container of a repeated annotation and cannot position it, nor anything
   * inside it; the processor finds the annotation in the source instead of landing on the type.
   */
  @Test
  void duplicateIndexAmongRepeatedAnnotations() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "name", name = "ix_pet")
        @Index(columns = "born", name = "IX_PET")
        public class Pet {
          @Id long id;
          String name;
          int born;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation).hadErrorContaining("[DuplicateIndex] Index 'IX_PET' is declared more than once")
        .inFile(pet).onLineContaining("name = \"IX_PET\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void problemsInRepeatedAnnotationsLandOnTheAttribute() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "name")
        @Index(columns = {"name",
            "nmae"})
        @ForeignKey(columns = "owner_id", entity = Owner.class, references = "id")
        @ForeignKey(columns = {"owner_id", "name"}, entity = Owner.class,
            references = {"id"})
        @ForeignKey(columns = "name", entity = Owner.class,
            references = "nick")
        public class Pet {
          @Id long id;
          long ownerId;
          String name;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation).hadErrorContaining("[UnknownColumn] Table 'pet' has no column 'nmae'")
        .inFile(pet).onLineContaining("\"nmae\"})");
    assertThat(compilation).hadErrorContaining("[ForeignKeyArity] Foreign key has 2 columns but references 1")
        .inFile(pet).onLineContaining("references = {\"id\"})");
    assertThat(compilation)
        .hadErrorContaining("[ReferenceColumnMissing] Referenced table 'owner' has no column 'nick'")
        .inFile(pet).onLineContaining("references = \"nick\")");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void duplicateIndexInAnExplicitContainerIsPositioned() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index.List({
            @Index(columns = "name", name = "ix_pet"),
            @Index(columns = "born", name = "IX_PET")})
        public class Pet {
          @Id long id;
          String name;
          int born;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation).hadErrorContaining("[DuplicateIndex] Index 'IX_PET'")
        .inFile(pet).onLineContaining("name = \"IX_PET\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unknownColumnInIndex() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = {"name", "nmae"})
        public class Pet {
          @Id long id;
          String name;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation)
        .hadErrorContaining("[UnknownColumn] Table 'pet' has no column 'nmae'. Hint: use one of the"
            + " columns: id, name")
        .inFile(pet).onLineContaining("@Index(columns = {\"name\", \"nmae\"})");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unknownColumnInForeignKey() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @ForeignKey(
            columns = "owner",
            entity = Owner.class, references = "id")
        public class Pet {
          @Id long id;
          long ownerId;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation).hadErrorContaining("[UnknownColumn] Table 'pet' has no column 'owner'")
        .inFile(pet).onLineContaining("columns = \"owner\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unsupportedType() {
    JavaFileObject event = source("app.Event", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Event {
          @Id long id;
          java.util.Date at;
        }
        """);
    Compilation compilation = compile(event);
    assertThat(compilation)
        .hadErrorContaining("[UnsupportedType] Strata cannot map Java type java.util.Date to a SQLite type."
            + " Hint: declare the column type with @Column(sqlType = \"TEXT\")")
        .inFile(event).onLineContaining("java.util.Date at;");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void referenceNotEntity() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "owner_id")
        public class Pet {
          @Id long id;
          @References(entity = String.class) long ownerId;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation)
        .hadErrorContaining("[ReferenceNotEntity] java.lang.String is not an @Entity")
        .inFile(pet).onLineContaining("@References(entity = String.class)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void referenceColumnMissing() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "owner_mail")
        public class Pet {
          @Id long id;
          @References(entity = Owner.class, column = "mail") String ownerMail;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation)
        .hadErrorContaining("[ReferenceColumnMissing] Referenced table 'owner' has no column 'mail'."
            + " Hint: reference one of its columns: id, email, name")
        .inFile(pet).onLineContaining("column = \"mail\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void referenceNotUnique() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "owner_name")
        public class Pet {
          @Id long id;
          @References(entity = Owner.class, column = "name") String ownerName;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation)
        .hadErrorContaining("[ReferenceNotUnique] Referenced columns [name] of table 'owner' are"
            + " neither its primary key nor unique")
        .inFile(pet).onLineContaining("column = \"name\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void uniqueColumnMayBeReferenced() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "owner_email")
        public class Pet {
          @Id long id;
          @References(entity = Owner.class, column = "email") String ownerEmail;
        }
        """);
    assertThat(compile(OWNER, pet)).succeededWithoutWarnings();
  }

  @Test
  void foreignKeyArity() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @ForeignKey(columns = {"owner_id", "owner_name"}, entity = Owner.class,
            references = {"id"})
        public class Pet {
          @Id long id;
          long ownerId;
          String ownerName;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation)
        .hadErrorContaining("[ForeignKeyArity] Foreign key has 2 columns but references 1")
        .inFile(pet).onLineContaining("references = {\"id\"}");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void defaultReferenceToACompositeKeyHasTheWrongArity() {
    JavaFileObject pair = source("app.Pair", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public record Pair(@Id long left, @Id long right) {}
        """);
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "pair_left")
        public class Pet {
          @Id long id;
          @References(entity = Pair.class) long pairLeft;
        }
        """);
    Compilation compilation = compile(pair, pet);
    assertThat(compilation)
        .hadErrorContaining("[ForeignKeyArity] Foreign key has 1 columns but references 2")
        .inFile(pet).onLineContaining("@References(entity = Pair.class)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void referenceToAnEntityWithoutKeyReportsOnlyTheMissingKey() {
    JavaFileObject note = source("app.Note", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Note { String text; }
        """);
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "note_id")
        public class Pet {
          @Id long id;
          @References(entity = Note.class) long noteId;
        }
        """);
    Compilation compilation = compile(note, pet);
    assertThat(compilation).hadErrorContaining("[EntityMissingId]").inFile(note).onLineContaining("@Entity");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reservedTableName() {
    JavaFileObject stat = source("app.Stat", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "sqlite_stat")
        public class Stat { @Id long id; }
        """);
    Compilation compilation = compile(stat);
    assertThat(compilation)
        .hadErrorContaining("[ReservedName] 'sqlite_stat' cannot be used as a name: the 'sqlite_'"
            + " prefix is reserved for SQLite's own objects")
        .inFile(stat).onLineContaining("@Entity(table = \"sqlite_stat\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void blankColumnName() {
    JavaFileObject stat = source("app.Stat", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Stat {
          @Id long id;
          @Column(name = " ") String label;
        }
        """);
    Compilation compilation = compile(stat);
    assertThat(compilation).hadErrorContaining("[ReservedName] ' ' cannot be used as a name: a name must not be blank")
        .inFile(stat).onLineContaining("@Column(name = \" \")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void triggerNameMustMatchItsSql() {
    JavaFileObject stat = source("app.Stat", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(name = "stat_audit",
            sql = "CREATE TRIGGER stat_log AFTER INSERT ON stat BEGIN SELECT 1; END")
        public class Stat { @Id long id; }
        """);
    Compilation compilation = compile(stat);
    assertThat(compilation)
        .hadErrorContaining("[TriggerNameMismatch] @Trigger name 'stat_audit' differs from the trigger"
            + " its SQL creates, 'stat_log'")
        .inFile(stat).onLineContaining("@Trigger(name = \"stat_audit\"");
    assertThat(compilation).hadErrorCount(1);
  }

  /** SQLite folds ASCII case in names, and reads a non-ASCII name whole. */
  @Test
  void triggerNameComparesAsSqliteDoes() {
    JavaFileObject stat = source("app.Stat", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(name = "K_Audit", sql = "CREATE TRIGGER k_audit AFTER INSERT ON stat BEGIN SELECT 1; END")
        @Trigger(name = "tëst", sql = "CREATE TRIGGER IF NOT EXISTS main.tëst AFTER DELETE ON stat BEGIN SELECT 1; END")
        public class Stat { @Id long id; }
        """);
    assertThat(compile(stat)).succeededWithoutWarnings();
  }

  @Test
  void nonAsciiTriggerNameIsReadWhole() {
    JavaFileObject stat = source("app.Stat", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(name = "t",
            sql = "CREATE TRIGGER tëst AFTER INSERT ON stat BEGIN SELECT 1; END")
        public class Stat { @Id long id; }
        """);
    Compilation compilation = compile(stat);
    assertThat(compilation)
        .hadErrorContaining("[TriggerNameMismatch] @Trigger name 't' differs from the trigger its SQL"
            + " creates, 'tëst'")
        .inFile(stat).onLineContaining("@Trigger(name = \"t\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unquotedDefault() {
    JavaFileObject tag = source("app.Tag", """
        package app;
        import dev.strata.annotation.*;
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
    assertThat(compilation)
        .hadErrorContaining("[UnquotedDefault] Default value abc of column 'label' is a bare name")
        .inFile(tag).onLineContaining("defaultValue = \"abc\"");
    assertThat(compilation).hadErrorContaining("Hint: write it as the string literal 'abc'");
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "@Entity public enum Color { RED; @Id long id; }",
      "@Entity public interface Color { }",
      "@Entity public @interface Color { }",
      "@Entity @View(sql = \"SELECT 1 AS id\") public class Color { @Id long id; }"})
  void entityShape(String declaration) {
    JavaFileObject color = source("app.Color",
        "package app;\nimport dev.strata.annotation.*;\n" + declaration + "\n");
    Compilation compilation = compile(color);
    assertThat(compilation).hadErrorContaining("[EntityShape]").inFile(color).onLineContaining("@Entity");
    assertThat(compilation).hadErrorCount(1);
  }

  /** The JDK's classes hold private state, not columns: the walk up the hierarchy stops there. */
  @Test
  void jdkSuperclassFieldsAreNotColumns() {
    JavaFileObject stamp = source("app.Stamp", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Stamp extends java.util.Date { @Id long id; }
        """);
    assertThat(compile(stamp)).succeededWithoutWarnings();
  }

  @Test
  void conflictingAnnotations() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Pet {
          @Id @Column(nullable = Nullability.NULLABLE) Long id;
          @Transient @Id long cache;
          @Transient
          @Column(name = "shown") String label;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation)
        .hadErrorContaining("[ConflictingAnnotations] @Id column 'id' cannot be NULLABLE")
        .inFile(pet).onLineContaining("nullable = Nullability.NULLABLE");
    assertThat(compilation)
        .hadErrorContaining("[ConflictingAnnotations] @Transient field 'cache' is not a column, so its"
            + " @Id does not apply")
        .inFile(pet).onLineContaining("@Transient @Id long cache");
    assertThat(compilation)
        .hadErrorContaining("[ConflictingAnnotations] @Transient field 'label' is not a column, so its"
            + " @Column does not apply")
        .inFile(pet).onLineContaining("@Column(name = \"shown\")");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void viewNotSelect() {
    JavaFileObject view = source("app.Purge", """
        package app;
        import dev.strata.annotation.*;
        @View(
            sql = "DELETE FROM owner")
        public class Purge {}
        """);
    Compilation compilation = compile(OWNER, view);
    assertThat(compilation)
        .hadErrorContaining("[ViewNotSelect] View 'purge' must be defined by a single SELECT")
        .inFile(view).onLineContaining("sql = \"DELETE FROM owner\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void viewWithTwoStatements() {
    JavaFileObject view = source("app.Sneaky", """
        package app;
        import dev.strata.annotation.*;
        @View(sql = "SELECT ';' AS semicolon; DROP TABLE owner")
        public class Sneaky {}
        """);
    Compilation compilation = compile(OWNER, view);
    assertThat(compilation).hadErrorContaining("[ViewNotSelect] View 'sneaky'")
        .inFile(view).onLineContaining("DROP TABLE owner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unindexedForeignKeyIsAWarning() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Pet {
          @Id long id;
          @References(entity = Owner.class) Long ownerId;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[UnindexedForeignKey] Foreign key (owner_id) of table 'pet' has no index"
            + " starting with its columns")
        .inFile(pet).onLineContaining("@References(entity = Owner.class)");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void indexInAnyColumnOrderCoversACompositeForeignKey() {
    JavaFileObject pair = source("app.Pair", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public record Pair(@Id long left, @Id long right) {}
        """);
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @ForeignKey(columns = {"a", "b"}, entity = Pair.class, references = {"left", "right"})
        @Index(columns = {"b", "a", "id"})
        public record Pet(@Id long id, long a, long b) {}
        """);
    assertThat(compile(pair, pet)).succeededWithoutWarnings();
  }

  @Test
  void indexNamedLikeATableIsRejectedBySqlite() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "name",
            name = "owner")
        public class Pet {
          @Id long id;
          String name;
        }
        """);
    Compilation compilation = compile(OWNER, pet);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects index 'owner': there is already a table named owner")
        .inFile(pet).onLineContaining("@Index(columns = \"name\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidCheckIsReportedOnTheCheck() {
    JavaFileObject product = source("app.Product", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Product {
          @Id long id;
          @Column(collate = "NOCASE",
              check = "prize > 0")
          double price;
        }
        """);
    Compilation compilation = compile(product);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects the check of column 'price' in table"
            + " 'product': no such column: prize")
        .inFile(product).onLineContaining("check = \"prize > 0\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidCollationIsReportedOnTheCollation() {
    JavaFileObject product = source("app.Product", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Product {
          @Id long id;
          @Column(check = "length(name) > 0",
              collate = "GERMAN")
          String name;
        }
        """);
    Compilation compilation = compile(product);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects the collate of column 'name' in table"
            + " 'product': no such collation sequence: GERMAN")
        .inFile(product).onLineContaining("collate = \"GERMAN\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidViewSqlIsReportedOnTheView() {
    JavaFileObject view = source("app.OwnerNames", """
        package app;
        import dev.strata.annotation.*;
        @View(
            sql = "SELECT nickname FROM owner")
        public class OwnerNames {}
        """);
    Compilation compilation = compile(OWNER, view);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects view 'owner_names': no such column: nickname")
        .inFile(view).onLineContaining("sql = \"SELECT nickname FROM owner\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidTriggerBodyIsReportedOnTheTrigger() {
    JavaFileObject log = source("app.Log", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(
            sql = "CREATE TRIGGER log_bad AFTER INSERT ON log BEGIN INSERT INTO audit VALUES (1); END")
        public class Log { @Id long id; }
        """);
    Compilation compilation = compile(log);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects trigger 'log_bad': no such table: main.audit")
        .inFile(log).onLineContaining("CREATE TRIGGER log_bad");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void onlyTheBrokenOneOfSeveralTriggersIsReported() {
    JavaFileObject log = source("app.Log", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(sql = "CREATE TRIGGER log_ok AFTER INSERT ON log BEGIN SELECT 1; END")
        @Trigger(sql = "CREATE TRIGGER log_bad AFTER INSERT ON log BEGIN INSERT INTO audit VALUES (1); END")
        @Trigger(sql = "CREATE TRIGGER log_worse AFTER DELETE ON log BEGIN DELETE FROM nowhere; END")
        public class Log { @Id long id; }
        """);
    Compilation compilation = compile(log);
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects trigger 'log_bad': no such table: main.audit")
        .inFile(log).onLineContaining("CREATE TRIGGER log_bad");
    assertThat(compilation)
        .hadErrorContaining("[InvalidSql] SQLite rejects trigger 'log_worse': no such table: main.nowhere")
        .inFile(log).onLineContaining("CREATE TRIGGER log_worse");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void triggerSqlMustCreateATrigger() {
    JavaFileObject log = source("app.Log", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(
            sql = "DELETE FROM log")
        public class Log { @Id long id; }
        """);
    Compilation compilation = compile(log);
    assertThat(compilation).hadErrorContaining("[InvalidSql]")
        .inFile(log).onLineContaining("sql = \"DELETE FROM log\"");
    assertThat(compilation).hadErrorCount(1);
  }

  /** sqlite-jdbc runs only the first statement, so a tail would reach schema.sql unchecked. */
  @Test
  void triggerSqlMustBeOneStatement() {
    JavaFileObject log = source("app.Log", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Trigger(
            sql = "CREATE TRIGGER log_ok AFTER INSERT ON log BEGIN SELECT 1; END; DROP TABLE log")
        public class Log { @Id long id; }
        """);
    Compilation compilation = compile(log);
    assertThat(compilation).hadErrorContaining("[InvalidSql]")
        .inFile(log).onLineContaining("DROP TABLE log\")");
    assertThat(compilation).hadErrorContaining("but it holds 2");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void historyTableNameIsReserved() {
    JavaFileObject history = source("app.History", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "Strata_History")
        public class History { @Id long id; }
        """);
    Compilation compilation = compile(history);
    assertThat(compilation)
        .hadErrorContaining("[ReservedName] 'Strata_History' cannot be used as a name: the name"
            + " belongs to Strata's history table")
        .inFile(history).onLineContaining("@Entity(table = \"Strata_History\")");
    assertThat(compilation).hadErrorCount(1);
  }

  /** The second name was derived, so the error points at the columns it was derived from. */
  @Test
  void derivedIndexNamesThatCollide() {
    JavaFileObject pair = source("app.Pair", """
        package app;
        import dev.strata.annotation.*;
        @Entity(table = "t")
        @Index.List({
            @Index(columns = "a_b"),
            @Index(
                columns = {"a", "b"})})
        public class Pair { @Id long id; long a; long b; long aB; }
        """);
    Compilation compilation = compile(pair);
    assertThat(compilation).hadErrorContaining("[DuplicateIndex] Index 'ix_t_a_b'")
        .inFile(pair).onLineContaining("columns = {\"a\", \"b\"}");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unresolvableColumnAttributeIsLeftToJavac() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public class Pet {
          @Id long id;
          @Column(unique = Missing.FLAG) String name;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(pet).onLineContaining("Missing.FLAG");
    assertThat(compilation).hadErrorCount(1);
  }

  /** javac reports the missing constant; a second, internal error would only confuse. */
  @ParameterizedTest
  @ValueSource(strings = {
      "@Entity(table = Names.PET) public class Pet { @Id long id; }",
      "@Entity public class Pet { @Id long id; @Column(unique = Missing.FLAG) String name; }",
      "@Entity public class Pet { @Id long id; @Column(name = Names.NAME) String name; }",
      "@Entity public class Pet { @Id long id; @Column(nullable = Missing.NO) String name; }",
      "@Entity @Index(columns = {Names.NAME, \"id\"}) public class Pet { @Id long id; }",
      "@Entity @Index(columns = \"id\", unique = Missing.FLAG) public class Pet { @Id long id; }",
      "@Entity @Trigger(sql = Sql.TRIGGER) public class Pet { @Id long id; }",
      "@Entity @Index.List(Missing.INDEXES) public class Pet { @Id long id; }",
      "@Entity public class Pet { @Id(autoIncrement = Missing.FLAG) long id; }",
      "@Entity public class Pet { @Id long id; @References(entity = Pet.class,"
          + " onDelete = Missing.CASCADE) long parent; }",
      "@View(sql = Sql.VIEW) public class Pet {}",
  })
  void unresolvableAttributesAreLeftToJavac(String declaration) {
    JavaFileObject pet = source("app.Pet",
        "package app;\nimport dev.strata.annotation.*;\n" + declaration + "\n");
    Compilation compilation = compile(pet);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(pet);
    // javac may add its own follow-up (an enum value must be a constant); Strata adds nothing.
    compilation.errors().forEach(e -> assertFalse(
        e.getMessage(Locale.ROOT).startsWith("["), () -> e.getMessage(Locale.ROOT)));
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void unresolvedTypesAreLeftToJavac() {
    JavaFileObject pet = source("app.Pet", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        @Index(columns = "owner_id")
        public class Pet {
          @Id long id;
          Colour colour;
          @References(entity = Missing.class) long ownerId;
        }
        """);
    Compilation compilation = compile(pet);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(pet).onLineContaining("Colour colour");
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(pet).onLineContaining("Missing.class");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void recordComponentsAreColumnsAndCarryPositions() {
    JavaFileObject point = source("app.Point", """
        package app;
        import dev.strata.annotation.*;
        @Entity
        public record Point(
            @Id long id,
            java.awt.Color color) {}
        """);
    Compilation compilation = compile(point);
    assertThat(compilation).hadErrorContaining("[UnsupportedType] Strata cannot map Java type java.awt.Color")
        .inFile(point).onLineContaining("java.awt.Color color");
    assertThat(compilation).hadErrorCount(1);
  }
}
