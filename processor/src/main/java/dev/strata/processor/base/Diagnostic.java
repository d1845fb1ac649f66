package dev.strata.processor.base;

import javax.tools.Diagnostic.Kind;

/**
 * The catalogue of everything the processor can report. Each entry has a stable tag, printed as
 * {@code [Tag]} at the start of the message, a format for {@link String#format} and a fix hint.
 */
public enum Diagnostic {
  // --- migrations ---
  DUPLICATE_VERSION(
      Kind.ERROR,
      "DuplicateVersion",
      "Migration version %d is also declared by %s",
      "give each migration its own version, e.g. the next free one or a timestamp"),
  INVALID_VERSION(
      Kind.ERROR,
      "InvalidVersion",
      "Migration version must be positive, but is %d",
      "use a positive number such as 1, or a timestamp such as 20261121153000"),
  MIGRATION_SHAPE(
      Kind.ERROR,
      "MigrationShape",
      "%s",
      "a migration is either a public, concrete (static if nested) class implementing"
          + " dev.strata.JavaMigration with a public no-arg constructor (package-private or"
          + " protected will do in the package of the generated registry), or a class that does"
          + " not implement it and whose @Migration holds the 'up' SQL"),
  EMPTY_MIGRATION(
      Kind.ERROR,
      "EmptyMigration",
      "Migration %s has no statements: %s",
      "put at least one SQL statement in 'up', or delete the migration"),
  REPEATABLE_SHAPE(
      Kind.ERROR,
      "RepeatableShape",
      "%s",
      "a repeatable migration is a class with no code, not implementing dev.strata.JavaMigration"
          + " and without @Migration, whose @RepeatableMigration holds a description and the 'up'"
          + " SQL"),
  DUPLICATE_REPEATABLE(
      Kind.ERROR,
      "DuplicateRepeatable",
      "Repeatable migration '%s' is also declared by %s",
      "give each repeatable its own description: the description identifies it in"
          + " strata_repeatables and orders it"),
  MISSING_DIALECT_TEXT(
      Kind.ERROR,
      "MissingDialectText",
      "%s has no text for %s, which this project targets (-Astrata.dialects=%s)",
      "%s"),
  DUPLICATE_DIALECT_TEXT(
      Kind.ERROR,
      "DuplicateDialectText",
      "%s has two texts for %s: %s",
      "keep one text per dialect: the plain text serves the dialects in its 'dialects', and each"
          + " @%s.Sql serves one other dialect"),
  DIALECT_TEXT_SHAPE(Kind.ERROR, "DialectTextShape", "%s", "%s"),
  INVALID_SQL(
      Kind.ERROR,
      "InvalidSql",
      "SQLite rejects %s: %s",
      "fix the statement; Strata tried it on an in-memory SQLite at compile time"),
  CASCADING_DROP(
      Kind.ERROR,
      "CascadingDrop",
      "%s drops table '%s' while foreign keys are enforced, so SQLite %s",
      "to rebuild the table, declare @Migration(foreignKeys = false): the step then runs with"
          + " enforcement off and checks every foreign key before it commits; if the drop is meant"
          + " to delete or clear those rows, declare @Migration(destructive = true)"),
  REFERENCE_TABLE_MISSING(
      Kind.ERROR,
      "ReferenceTableMissing",
      "Foreign key %s names table '%s', %s",
      "create the table in this or an earlier migration, or correct the name: SQLite accepts"
          + " the key, but with foreign keys enforced every INSERT into '%s' then fails"),
  SCHEMA_UNKNOWN_AFTER_JAVA(
      Kind.NOTE,
      "SchemaUnknownAfterJava",
      "Java migration %s (version %d) cannot run at compile time, so from here on the SQL"
          + " migrations are checked for syntax, and otherwise only against the tables that SQL"
          + " migrations create after it: a table, column, index, view or trigger from before it"
          + " that is missing or already exists, a foreign key to it, and a drop that cascades"
          + " into it are no longer reported",
      "nothing to fix; to check the rest, migrate a temporary database in a test"),

  MIGRATION_DRIFT(Kind.ERROR, "MigrationDrift", DriftText.FORMAT, DriftText.HINT),
  MIGRATION_DRIFT_WARNING(Kind.WARNING, "MigrationDrift", DriftText.FORMAT, DriftText.HINT),
  DESTRUCTIVE_MIGRATION(
      Kind.WARNING,
      "DestructiveMigration",
      "%s %s",
      "if losing it is the point, declare @Migration(destructive = true); otherwise copy what must"
          + " stay into the new table first (down is not checked)"),
  UNSAFE_MIGRATION(
      Kind.WARNING,
      "UnsafeMigration",
      "%s: %s",
      "%s; or, where it cannot happen, accept it with @Migration(allowUnsafe = UnsafeRule.%s)"),
  UNSAFE_MIGRATION_FAILS(Kind.ERROR, "UnsafeMigration", "%s: %s", "%s"),

  // --- entities ---
  ENTITY_MISSING_ID(
      Kind.ERROR,
      "EntityMissingId",
      "Entity %s has no @Id",
      "annotate the primary-key field with @Id; several @Id make a composite key"),
  AUTO_INCREMENT_TYPE(
      Kind.ERROR,
      "AutoIncrementType",
      "autoIncrement needs a single integral primary key, but %s",
      "use one long/int @Id, or drop autoIncrement"),
  DUPLICATE_COLUMN(
      Kind.ERROR,
      "DuplicateColumn",
      "Column '%s' of table '%s' is also declared by %s",
      "rename one of them with @Column(name = ...) or mark one @Transient"),
  DUPLICATE_TABLE(
      Kind.ERROR,
      "DuplicateTable",
      "Table or view '%s' is also declared by %s",
      "give one of them another name with @Entity(table = ...) or @View(name = ...)"),
  DUPLICATE_INDEX(
      Kind.ERROR,
      "DuplicateIndex",
      "Index '%s' is declared more than once: also by %s",
      "give the index another name with @Index(name = ...), or remove the duplicate; a derived name"
          + " joins the table and column names, so columns 'a_b' and 'a', 'b' derive the same"),
  UNKNOWN_COLUMN(
      Kind.ERROR, "UnknownColumn", "Table '%s' has no column '%s'", "use one of the columns: %s"),
  UNSUPPORTED_TYPE(
      Kind.ERROR,
      "UnsupportedType",
      "Strata cannot map Java type %s to a SQLite type",
      "declare the column type with @Column(sqlType = \"TEXT\"), or mark the field @Transient"),
  UNSUPPORTED_DIALECT_TYPE(
      Kind.ERROR,
      "UnsupportedType",
      "Strata cannot map %s to a %s type: %s",
      "give the type with @Column.Sql(dialect = %s, %s = \"...\"), or mark the field"
          + " @Transient"),
  REFERENCE_NOT_ENTITY(
      Kind.ERROR,
      "ReferenceNotEntity",
      "%s is not an @Entity and cannot be referenced",
      "reference a class annotated with @Entity"),
  REFERENCE_COLUMN_MISSING(
      Kind.ERROR,
      "ReferenceColumnMissing",
      "Referenced table '%s' has no column '%s'",
      "reference one of its columns: %s"),
  REFERENCE_NOT_UNIQUE(
      Kind.ERROR,
      "ReferenceNotUnique",
      "Referenced columns %s of table '%s' are neither its primary key nor unique",
      "reference the primary key, or declare the columns unique: with @Column(unique = true) or"
          + " @Index(unique = true) on an entity, with UNIQUE or CREATE UNIQUE INDEX in SQL"),
  FOREIGN_KEY_ARITY(
      Kind.ERROR,
      "ForeignKeyArity",
      "Foreign key has %d columns but references %d",
      "list as many referenced columns as local columns, pairwise"),
  RESERVED_NAME(
      Kind.ERROR,
      "ReservedName",
      "'%s' cannot be used as a name: %s",
      "choose another name: SQLite reserves the 'sqlite_' prefix and needs non-blank names"
          + " without control characters"),
  VIEW_NOT_SELECT(
      Kind.ERROR,
      "ViewNotSelect",
      "View '%s' must be defined by a single SELECT",
      "write the query as SELECT ... (or WITH ... SELECT ...), without CREATE VIEW"),
  TRIGGER_NAME_MISMATCH(
      Kind.ERROR,
      "TriggerNameMismatch",
      "@Trigger name '%s' differs from the trigger its SQL creates, '%s'",
      "leave out the name, or make it the one after CREATE TRIGGER"),
  UNQUOTED_DEFAULT(
      Kind.ERROR,
      "UnquotedDefault",
      "Default value %s of column '%s' is a bare name, which SQLite stores as a string while"
          + " keeping the unquoted text in the schema",
      "write it as the string literal %s, so that migrations and drift checks agree with it"),
  ENTITY_SHAPE(
      Kind.ERROR,
      "EntityShape",
      "%s",
      "put @Entity or @View, not both, on a class or record; an enum, interface or annotation"
          + " type has no fields that make columns"),
  CONFLICTING_ANNOTATIONS(
      Kind.ERROR,
      "ConflictingAnnotations",
      "%s",
      "remove the annotation or attribute that does not apply, so that the schema says one thing"),
  UNINDEXED_FOREIGN_KEY(
      Kind.WARNING,
      "UnindexedForeignKey",
      "Foreign key %s of table '%s' has no index starting with its columns",
      "add @Index(columns = {...}) so that deletes in the parent do not scan this table"),
  DEFAULT_NOT_ALLOWED(
      Kind.ERROR,
      "DefaultNotAllowed",
      "Default value %s of column '%s' can never be stored: %s",
      "give a default the column accepts, such as %s, or leave defaultValue out"),
  UNSUPPORTED_DIALECT_COLLATION(
      Kind.ERROR,
      "UnsupportedType",
      "Collation %s of column '%s' has no counterpart in %s: %s",
      "give the column's collation there with @Column.Sql(dialect = %s, collate = \"...\")"),
  TRIGGER_SHAPE(
      Kind.ERROR,
      "TriggerShape",
      "This @Trigger's text for %s creates no trigger",
      "write its CREATE FUNCTION, if it needs one, then one CREATE TRIGGER, separated by ';'"),

  // --- everything ---
  LATE_ELEMENT(
      Kind.ERROR,
      "LateElement",
      "%s was generated by another annotation processor after Strata had written its registry"
          + " and schema, so it is in neither",
      "compile with -Astrata.waitForGenerated=true so that Strata waits for a round that brings"
          + " no new annotated class, or write this class by hand"),
  INVALID_OPTION(
      Kind.ERROR,
      "InvalidOption",
      "-A%s='%s' is not a Java package name",
      "give a package such as com.example.db, or leave the option out to generate into the"
          + " package that the annotated classes share"),
  INVALID_OPTION_VALUE(
      Kind.ERROR,
      "InvalidOption",
      "-A%s='%s' is not one of %s",
      "leave the option out for the default, %s"),
  INVALID_DIALECTS(Kind.ERROR, "InvalidOption", "-Astrata.dialects='%s' %s", "%s"),
  CHECKSUM_FALLBACK(
      Kind.NOTE,
      "ChecksumFallback",
      "This compiler offers no javac Trees API, so Java migration checksums cover only the"
          + " classes' declarations: edits inside method bodies go unnoticed",
      "build with javac; the checksums also differ from javac's, so build applied migrations with"
          + " the compiler that built them first"),
  FOREIGN_REGISTRY(
      Kind.ERROR,
      "ForeignRegistry",
      "%s is already on the class path, outside this compilation's own output (the main classes"
          + " seen from test sources, or a dependency), so generating it here would silently"
          + " shadow one with the other",
      "to give these classes a registry of their own, compile them with -Astrata.package=%s"
          + " -Astrata.services=false, so that ServiceLoader still finds only the other one, and"
          + " pass it with .registry(..) or .schema(..); or move them to the sources that own %s"),
  OUTPUT_NOT_ON_CLASS_PATH(
      Kind.ERROR,
      "OutputNotOnClassPath",
      "%s, which Strata's index lists and whose class file is in the output directory, cannot be"
          + " seen by this compilation, so the registry and schema would lose it",
      "put the output directory on the class path (javac -d out -cp out ...), as Maven, Gradle and"
          + " IDEs do, or build every source; nothing was generated, so the previous output"
          + " stands"),
  INTERNAL_ERROR(
      Kind.ERROR,
      "InternalError",
      "Strata's processor failed on this element: %s",
      "this is a bug in Strata; please report it with the stack trace above");

  /** What the two levels of {@code [MigrationDrift]} share; the last argument adds to it. */
  private static final class DriftText {
    static final String FORMAT =
        "The schema that the migrations up to version %d (%s) build differs from the entities:"
            + " %s%s";
    static final String HINT = "add a migration after version %d that %s, or change the entity";
  }

  private final Kind kind;
  private final String tag;
  private final String format;
  private final String hint;

  Diagnostic(Kind kind, String tag, String format, String hint) {
    this.kind = kind;
    this.tag = tag;
    this.format = format;
    this.hint = hint;
  }

  public Kind kind() {
    return kind;
  }

  /** The full text: {@code [Tag] message. Hint: hint}. Hints may use the arguments too. */
  public String render(Object... args) {
    String message = String.format(format, args);
    int used = countPlaceholders(format);
    Object[] rest = java.util.Arrays.copyOfRange(args, Math.min(used, args.length), args.length);
    String fix = rest.length == 0 ? hint : String.format(hint, rest);
    return "[" + tag + "] " + message + ". Hint: " + fix;
  }

  private static int countPlaceholders(String text) {
    int count = 0;
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '%') {
        if (text.charAt(i + 1) != '%') {
          count++;
        }
        i++;
      }
    }
    return count;
  }
}
