package dev.strata.processor.migration;

import com.sun.source.util.Trees;
import dev.strata.JavaMigration;
import dev.strata.MigrationType;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.Mirrors;
import dev.strata.processor.base.Origin;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.migration.checksum.Checksums;
import dev.strata.processor.migration.checksum.DownMethod;
import dev.strata.processor.migration.checksum.StatementNormalizer;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns one {@code @Migration} into a {@link MigrationModel}, and one {@code @RepeatableMigration}
 * into a {@link RepeatableModel}: decides its form, checks its shape and that its SQL is not empty,
 * and computes its checksum and reversibility. Reports at most one problem per migration, and
 * yields no model when it reports one. Not final: a test subclasses it to simulate a bug.
 */
public class MigrationParser {
  private final Elements elements;
  private final Types types;
  private final Checksums checksums;
  private final String registryPackage;
  private final List<Dialect> dialects;
  private final Trees trees;

  /**
   * For a registry generated in {@code registryPackage}, the package whose code must be able to
   * call {@code new} on each Java migration.
   */
  /**
   * @param registryPackage the package of the generated registry
   * @param dialects the targeted dialects, SQLite first: each SQL-form migration needs a text for
   *     every one of them
   * @param trees positions problems inside repeated annotations; {@code null} outside javac
   */
  public MigrationParser(
      Elements elements,
      Types types,
      Checksums checksums,
      String registryPackage,
      List<Dialect> dialects,
      Trees trees) {
    this.elements = elements;
    this.types = types;
    this.checksums = checksums;
    this.registryPackage = registryPackage;
    this.dialects = List.copyOf(dialects);
    this.trees = trees;
  }

  /**
   * For a registry in each migration's own package, as when a test drives the step directly with
   * the migrations of one package.
   */
  public MigrationParser(Elements elements, Types types, Checksums checksums) {
    this(elements, types, checksums, null, List.of(Dialect.SQLITE), null);
  }

  /** See {@link Checksums#readsSource()}. */
  public boolean readsJavaSource() {
    return checksums.readsSource();
  }

  public Optional<MigrationModel> parse(
      MigrationAnnotation migration, ValidationReport.Builder report) {
    OptionalLong version = migration.version();
    if (version.isEmpty()) {
      return Optional.empty(); // javac has already reported the unresolvable value
    }
    boolean javaForm = isJavaMigration(migration.element());
    if (!checkShape(migration, javaForm, report)) {
      return Optional.empty();
    }
    String description =
        migration.description().isBlank()
            ? Descriptions.fromClassName(migration.element().getSimpleName().toString())
            : migration.description().strip();
    if (javaForm) {
      if (!dialectTextsOnJava(migration, report)) {
        return Optional.empty();
      }
      return Optional.of(
          new MigrationModel(
              migration,
              version.getAsLong(),
              description,
              MigrationType.JAVA,
              List.of(),
              List.of(),
              checksums.ofJava(migration.element()),
              overridesDown(migration.element()),
              migration.transactional(),
              migration.foreignKeys(),
              migration.destructive(),
              List.of()));
    }
    Statements up = Statements.of(migration.up(), Dialect.SQLITE);
    if (up.written().isEmpty()) {
      report.report(
          Diagnostic.EMPTY_MIGRATION,
          migration.element(),
          migration.mirror(),
          migration.value("up"),
          version.getAsLong(),
          migration.up().isBlank() ? "'up' is blank" : "'up' holds only comments and semicolons");
      return Optional.empty();
    }
    Statements down = Statements.of(migration.down(), Dialect.SQLITE);
    Optional<List<DialectText>> dialectTexts =
        dialectTexts(migration, version.getAsLong(), !down.written().isEmpty(), report);
    if (dialectTexts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MigrationModel(
            migration,
            version.getAsLong(),
            description,
            MigrationType.SQL,
            up.written(),
            down.written(),
            checksums.ofSql(up.normalized()),
            !down.written().isEmpty(),
            migration.transactional(),
            migration.foreignKeys(),
            migration.destructive(),
            dialectTexts.get()));
  }

  /**
   * The texts of a SQL-form migration for other dialects than its plain text's, or empty after
   * reporting: each {@code @Migration.Sql} names a dialect that no other text serves, has
   * statements, and has a down exactly when the plain text has one; every targeted dialect has a
   * text.
   */
  private Optional<List<DialectText>> dialectTexts(
      MigrationAnnotation migration,
      long version,
      boolean reversible,
      ValidationReport.Builder report) {
    String subject = "Migration " + version;
    Origin plain = Origin.of(migration.element(), migration.mirror());
    Set<Dialect> served = migration.dialects();
    boolean clean = true;
    if (!served.contains(Dialect.SQLITE)) {
      plain
          .attribute("dialects")
          .report(
              report,
              Diagnostic.DIALECT_TEXT_SHAPE,
              subject
                  + " leaves SQLITE out of 'dialects', but its plain up/down is the SQLite text"
                  + " that Strata checks at compile time",
              "keep SQLITE in 'dialects' and give another dialect's own text with"
                  + " @Migration.Sql(dialect = ..., up = \"...\")");
      clean = false;
    }
    List<DialectText> texts = new ArrayList<>();
    for (Origin origin : migration.dialectTexts(trees)) {
      AnnotationMirror sql = origin.declaration();
      Dialect dialect = Dialect.valueOf(Mirrors.enumName(sql, "dialect"));
      if (!served.add(dialect)) {
        origin
            .attribute("dialect")
            .report(
                report,
                Diagnostic.DUPLICATE_DIALECT_TEXT,
                subject,
                dialect.displayName(),
                texts.stream().anyMatch(t -> t.dialect() == dialect)
                    ? "two @Migration.Sql name it"
                    : "the plain up/down serves it (see 'dialects')",
                "Migration");
        clean = false;
        continue;
      }
      Statements up = Statements.of(Mirrors.string(sql, "up"), dialect);
      Statements down = Statements.of(Mirrors.string(sql, "down"), dialect);
      if (up.written().isEmpty()) {
        origin
            .attribute("up")
            .report(
                report,
                Diagnostic.EMPTY_MIGRATION,
                version,
                "its " + dialect.displayName() + " 'up' holds no statement");
        clean = false;
      } else if (down.written().isEmpty() == reversible) {
        origin
            .attribute(reversible ? "up" : "down")
            .report(
                report,
                Diagnostic.DIALECT_TEXT_SHAPE,
                subject
                    + (reversible
                        ? " has a plain 'down' but its " + dialect.displayName() + " text has none"
                        : " has no plain 'down' but its "
                            + dialect.displayName()
                            + " text has one"),
                "give every text of the migration a 'down', or none, so that it can be rolled"
                    + " back on every dialect or on none");
        clean = false;
      } else {
        texts.add(
            new DialectText(
                dialect, up.written(), down.written(), checksums.ofSql(up.normalized())));
      }
    }
    for (Dialect dialect : dialects) {
      if (!served.contains(dialect)) {
        plain
            .attribute("up")
            .report(
                report,
                Diagnostic.MISSING_DIALECT_TEXT,
                subject,
                dialect.displayName(),
                targetedOption(),
                "add @Migration.Sql(dialect = "
                    + dialect.name()
                    + ", up = \"...\", down = \"...\") with the "
                    + dialect.displayName()
                    + " text, or, if the plain up/down runs there unchanged, declare"
                    + " @Migration(dialects = {SQLITE, "
                    + dialect.name()
                    + "})");
        clean = false;
      }
    }
    texts.sort(Comparator.comparing(DialectText::dialect));
    return clean ? Optional.of(texts) : Optional.empty();
  }

  /** A Java migration branches on {@code ctx.dialect()}: no {@code @Migration.Sql}, no dialects. */
  private boolean dialectTextsOnJava(
      MigrationAnnotation migration, ValidationReport.Builder report) {
    String name = migration.qualifiedName();
    boolean clean = true;
    for (Origin origin : migration.dialectTexts(trees)) {
      origin.report(
          report,
          Diagnostic.DIALECT_TEXT_SHAPE,
          name + " implements JavaMigration, so its @Migration.Sql would never run",
          "remove it and write each dialect's SQL in the code, branching on ctx.dialect()");
      clean = false;
    }
    if (migration.isExplicit("dialects")) {
      Origin.of(migration.element(), migration.mirror())
          .attribute("dialects")
          .report(
              report,
              Diagnostic.DIALECT_TEXT_SHAPE,
              name + " implements JavaMigration, so 'dialects' means nothing",
              "remove it: a Java migration runs on every dialect and asks ctx.dialect() where"
                  + " the SQL differs");
      clean = false;
    }
    return clean;
  }

  /** The {@code -Astrata.dialects} value that the targeted dialects stand for. */
  private String targetedOption() {
    return dialects.stream()
        .map(d -> d.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  /**
   * Turns one {@code @RepeatableMigration} into a {@link RepeatableModel}, or reports its first
   * problem: SQL form only, on a class that holds no code and is not also a {@code @Migration},
   * with a description and at least one statement. Uniqueness of descriptions spans all of them;
   * {@code MigrationStep} checks it.
   */
  public Optional<RepeatableModel> parse(
      RepeatableAnnotation repeatable, ValidationReport.Builder report) {
    TypeElement type = repeatable.element();
    String problem = repeatableShapeProblem(type);
    String attribute = null;
    if (problem == null && repeatable.description().isBlank()) {
      problem = repeatable.qualifiedName() + " has a blank description";
      attribute = "description";
    }
    if (problem != null) {
      report.report(
          Diagnostic.REPEATABLE_SHAPE,
          type,
          repeatable.mirror(),
          attribute == null ? null : repeatable.value(attribute),
          problem);
      return Optional.empty();
    }
    String description = repeatable.description().strip();
    Statements up = Statements.of(repeatable.up(), Dialect.SQLITE);
    if (up.written().isEmpty()) {
      report.report(
          Diagnostic.EMPTY_MIGRATION,
          type,
          repeatable.mirror(),
          repeatable.value("up"),
          "'" + description + "' (repeatable)",
          repeatable.up().isBlank() ? "'up' is blank" : "'up' holds only comments and semicolons");
      return Optional.empty();
    }
    return Optional.of(
        new RepeatableModel(
            repeatable, description, up.written(), checksums.ofSql(up.normalized())));
  }

  /** Why a repeatable cannot be declared on {@code type}, or null. */
  private String repeatableShapeProblem(TypeElement type) {
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS) {
      String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      return "@RepeatableMigration belongs on a class, but "
          + name
          + " is "
          + article(kind)
          + " "
          + kind;
    }
    if (MigrationAnnotation.of(type).isPresent()) {
      return name
          + " carries both @Migration and @RepeatableMigration; a class declares either a"
          + " versioned or a repeatable migration";
    }
    if (isJavaMigration(type)) {
      return name
          + " implements JavaMigration, but repeatable migrations are SQL only: their checksum is"
          + " their SQL, so a Java body would never be re-run when what it does changes";
    }
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .findFirst()
        .map(
            method ->
                name
                    + " declares method "
                    + method.getSimpleName()
                    + "(), which would never run: a repeatable migration is only its 'up' SQL")
        .orElse(null);
  }

  /** The statements of one attribute, as written and as normalised, without comment-only ones. */
  private record Statements(List<String> written, List<String> normalized) {
    static Statements of(String sql, Dialect dialect) {
      List<String> written = new ArrayList<>();
      List<String> normalized = new ArrayList<>();
      for (String statement : SqlSplitter.split(sql, dialect)) {
        String canonical = StatementNormalizer.normalize(statement);
        if (!canonical.isEmpty()) {
          written.add(statement.strip());
          normalized.add(canonical);
        }
      }
      return new Statements(List.copyOf(written), List.copyOf(normalized));
    }
  }

  /** Reports the first shape problem, if any; true when the shape is fine. */
  private boolean checkShape(
      MigrationAnnotation migration, boolean javaForm, ValidationReport.Builder report) {
    TypeElement type = migration.element();
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS) {
      String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      return shapeProblem(
          report,
          migration,
          null,
          "@Migration belongs on a class, but " + name + " is " + article(kind) + " " + kind);
    }
    if (javaForm) {
      for (String attribute : List.of("up", "down")) {
        if (migration.isExplicit(attribute)) {
          return shapeProblem(
              report,
              migration,
              attribute,
              name
                  + " implements JavaMigration and"
                  + " also declares SQL in '"
                  + attribute
                  + "'; keep either the code or the SQL");
        }
      }
      String problem = instantiationProblem(type);
      return problem == null || shapeProblem(report, migration, null, name + " " + problem);
    }
    if (!migration.isExplicit("up")) {
      return shapeProblem(
          report,
          migration,
          null,
          name + " neither implements JavaMigration nor declares 'up' SQL");
    }
    return true;
  }

  private static boolean shapeProblem(
      ValidationReport.Builder report,
      MigrationAnnotation migration,
      String attribute,
      String message) {
    report.report(
        Diagnostic.MIGRATION_SHAPE,
        migration.element(),
        migration.mirror(),
        attribute == null ? null : migration.value(attribute),
        message);
    return false;
  }

  private static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
  }

  /** Why the generated registry could not call {@code new} on a Java migration, or null. */
  private String instantiationProblem(TypeElement type) {
    if (elements.getPackageOf(type).isUnnamed()) {
      return "must be in a named package: the generated registry cannot refer to a class in the"
          + " unnamed package";
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "is abstract, so the registry cannot instantiate it";
    }
    String home = elements.getPackageOf(type).getQualifiedName().toString();
    String registry = registryPackage == null ? home : registryPackage;
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.MEMBER
          && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        return "is an inner class; declare it static so the registry can instantiate it";
      }
      String access = unreachable(t.getModifiers(), home, registry);
      if (access != null) {
        String subject = t == type ? "" : "is nested in " + t.getQualifiedName() + ", which ";
        return subject + access;
      }
    }
    List<ExecutableElement> noArg =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(c -> c.getParameters().isEmpty())
            .toList();
    if (noArg.isEmpty()) {
      return "has no no-arg constructor for the registry to call";
    }
    String access = unreachable(noArg.get(0).getModifiers(), home, registry);
    return access == null ? null : "has a no-arg constructor that " + access;
  }

  /**
   * Why code in {@code registry} cannot use a class or constructor with these modifiers declared in
   * {@code home}, or null when it can: public always, package-private and protected only from the
   * same package, private never.
   */
  private static String unreachable(Set<Modifier> modifiers, String home, String registry) {
    if (modifiers.contains(Modifier.PUBLIC)) {
      return null;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      return "is private, so the generated registry cannot call new; make it "
          + (home.equals(registry) ? "package-private or public" : "public");
    }
    if (home.equals(registry)) {
      return null;
    }
    String access = modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private";
    return "is "
        + access
        + " in "
        + home
        + " but the registry is generated in "
        + registry
        + ", so it cannot call new; make it public or move the registry with -Astrata.package="
        + home;
  }

  private boolean isJavaMigration(TypeElement type) {
    TypeElement javaMigration = elements.getTypeElement(JavaMigration.class.getCanonicalName());
    return javaMigration != null
        && types.isAssignable(types.erasure(type.asType()), types.erasure(javaMigration.asType()));
  }

  /** Whether {@code down} is implemented by the class or a supertype other than JavaMigration. */
  private boolean overridesDown(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (DownMethod.matches(method) && !method.getModifiers().contains(Modifier.ABSTRACT)) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return !owner.getQualifiedName().contentEquals(JavaMigration.class.getCanonicalName());
      }
    }
    return false;
  }
}
