package dev.strata.processor.entity;

import com.sun.source.util.Trees;
import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.ForeignKey;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;
import dev.strata.annotation.Transient;
import dev.strata.annotation.Trigger;
import dev.strata.annotation.View;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.Mirrors;
import dev.strata.processor.base.Origin;
import dev.strata.processor.base.ValidationReport;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlSplitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Turns one annotated type into its model, reporting what is wrong with that type alone. Problems
 * that need the other entities (references, duplicate names) are left to {@link SchemaValidator}.
 * The model is built even when a problem was found, so that later checks see every table.
 */
public final class EntityParser {
  private static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "VALUES");

  private final ValidationReport.Builder report;
  private final Types types;
  private final Trees trees;
  private final List<Dialect> dialects;

  /**
   * @param trees positions problems inside repeated annotations; {@code null} outside javac
   * @param dialects the targeted dialects, SQLite first: each must be able to express every column
   *     and trigger
   */
  public EntityParser(
      ValidationReport.Builder report, Types types, Trees trees, List<Dialect> dialects) {
    this.report = report;
    this.types = types;
    this.trees = trees;
    this.dialects = List.copyOf(dialects);
  }

  /** Whether the type can declare a table or a view; reports why not, on the annotation. */
  public boolean checkShape(TypeElement type) {
    Optional<AnnotationMirror> entity = Mirrors.find(type, Entity.class);
    Optional<AnnotationMirror> view = Mirrors.find(type, View.class);
    AnnotationMirror annotation = entity.or(() -> view).orElseThrow();
    String why = null;
    if (entity.isPresent() && view.isPresent()) {
      why = type.getSimpleName() + " cannot be both an @Entity and a @View";
    } else if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      why =
          "@"
              + annotation.getAnnotationType().asElement().getSimpleName()
              + " goes on a class or record, not on "
              + kind
              + " "
              + type.getSimpleName();
    }
    if (why != null) {
      Origin.of(type, annotation).report(report, Diagnostic.ENTITY_SHAPE, why);
    }
    return why == null;
  }

  public EntityModel parseEntity(TypeElement type) {
    AnnotationMirror entity = Mirrors.find(type, Entity.class).orElseThrow();
    Origin origin = Origin.of(type, entity);
    String table =
        checkedRelationName(
            Mirrors.string(entity, "table"),
            type.getSimpleName().toString(),
            origin.attribute("table"));

    List<VariableElement> fields = columnFields(type);
    List<ColumnModel> parsed = new ArrayList<>();
    for (VariableElement field : fields) {
      parsed.add(column(field, fieldType(type, field)));
    }
    NameClashes.find(
        parsed,
        ColumnModel::name,
        (column, others) ->
            column
                .origin()
                .attribute("name")
                .report(
                    report,
                    Diagnostic.DUPLICATE_COLUMN,
                    column.name(),
                    table,
                    NameClashes.list(others.stream().map(EntityParser::fieldName).toList())));
    // Of clashing columns the first stays in the model, so that later checks see the table.
    List<ColumnModel> columns = new ArrayList<>();
    List<ForeignKeyModel> foreignKeys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      ColumnModel column = parsed.get(i);
      if (names.add(SqlIdentifiers.fold(column.name()))) {
        VariableElement field = fields.get(i);
        columns.add(column);
        Mirrors.find(field, References.class)
            .flatMap(m -> reference(field, m, column.name()))
            .ifPresent(foreignKeys::add);
      }
    }
    List<ColumnModel> key = columns.stream().filter(ColumnModel::primaryKey).toList();
    if (key.isEmpty()) {
      origin.report(report, Diagnostic.ENTITY_MISSING_ID, type.getQualifiedName());
    }
    columns.stream().filter(ColumnModel::autoIncrement).forEach(c -> checkAutoIncrement(c, key));

    for (Origin declared : Origin.allOf(type, ForeignKey.class, ForeignKey.List.class, trees)) {
      readable(() -> foreignKey(declared)).ifPresent(foreignKeys::add);
    }
    List<IndexModel> indexes = new ArrayList<>();
    for (Origin declared : Origin.allOf(type, Index.class, Index.List.class, trees)) {
      readable(() -> Optional.of(index(declared, table))).ifPresent(indexes::add);
    }
    List<TriggerModel> triggers = new ArrayList<>();
    for (Origin declared : Origin.allOf(type, Trigger.class, Trigger.List.class, trees)) {
      readable(() -> Optional.of(trigger(declared))).ifPresent(triggers::addAll);
    }
    checkTriggerDialects(type, triggers);
    return new EntityModel(origin, table, columns, foreignKeys, indexes, triggers);
  }

  /** Empty when javac could not evaluate the view's SQL; it has said why. */
  public Optional<ViewModel> parseView(TypeElement type) {
    return readable(
        () -> {
          AnnotationMirror view = Mirrors.find(type, View.class).orElseThrow();
          Origin origin = Origin.of(type, view);
          String name =
              checkedRelationName(
                  Mirrors.string(view, "name"),
                  type.getSimpleName().toString(),
                  origin.attribute("name"));
          List<String> statements = SqlSplitter.split(Mirrors.string(view, "sql"));
          String sql = statements.size() == 1 ? statements.get(0) : "";
          if (!QUERY_WORDS.contains(SqlText.firstWord(sql))) {
            origin.attribute("sql").report(report, Diagnostic.VIEW_NOT_SELECT, name);
          }
          Map<Dialect, String> dialectSql = new EnumMap<>(Dialect.class);
          dialectTexts(type, View.Sql.class, View.Sqls.class, "view '" + name + "'")
              .forEach(
                  (dialect, o) -> dialectSql.put(dialect, Mirrors.string(o.declaration(), "sql")));
          return Optional.of(new ViewModel(origin, name, sql, dialectSql));
        });
  }

  /** The field or component of a column, qualified by the class that declares it. */
  private static String fieldName(ColumnModel column) {
    Element field = column.origin().element();
    return ((TypeElement) field.getEnclosingElement()).getQualifiedName()
        + "."
        + field.getSimpleName();
  }

  /** Non-static, non-transient fields, those of superclasses first; for records, the components. */
  private List<VariableElement> columnFields(TypeElement type) {
    Deque<TypeElement> hierarchy = new ArrayDeque<>();
    for (TypeElement t = type; t != null; t = superclass(t)) {
      hierarchy.push(t);
    }
    List<VariableElement> fields = new ArrayList<>();
    for (TypeElement t : hierarchy) {
      ElementFilter.fieldsIn(t.getEnclosedElements()).stream()
          .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
          .filter(f -> Mirrors.find(f, Transient.class).isEmpty() || conflictsWithTransient(f))
          .forEach(fields::add);
    }
    return fields;
  }

  /** Reports an @Id or @Column on a @Transient field; always false, the field stays no column. */
  private boolean conflictsWithTransient(VariableElement field) {
    Mirrors.find(field, Id.class)
        .or(() -> Mirrors.find(field, Column.class))
        .ifPresent(
            m ->
                Origin.of(field, m)
                    .report(
                        report,
                        Diagnostic.CONFLICTING_ANNOTATIONS,
                        "@Transient field '"
                            + field.getSimpleName()
                            + "' is not a column, so its @"
                            + m.getAnnotationType().asElement().getSimpleName()
                            + " does not apply"));
    return false;
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    // The JDK's own classes hold private state, not columns: Object, Record, Date, ...
    return element.getQualifiedName().toString().startsWith("java.") ? null : element;
  }

  /** The field's type as seen from the entity: {@code K id} of a generic base class resolves. */
  private TypeMirror fieldType(TypeElement entity, VariableElement field) {
    return types.asMemberOf((DeclaredType) entity.asType(), field);
  }

  private ColumnModel column(VariableElement field, TypeMirror type) {
    Optional<AnnotationMirror> column = Mirrors.find(field, Column.class);
    Origin origin = column.map(m -> Origin.of(field, m)).orElse(Origin.of(field));
    String fieldName = field.getSimpleName().toString();
    String name =
        checkedName(
            column.map(m -> Mirrors.string(m, "name")).orElse(""),
            fieldName,
            origin.attribute("name"));
    String sqlType = column.map(m -> Mirrors.string(m, "sqlType")).orElse("");
    Optional<TypeMapping.Mapping> mapping = TypeMapping.map(type);
    // An unresolved type already has javac's own "cannot find symbol"; one error is enough.
    if (mapping.isEmpty() && sqlType.isBlank() && type.getKind() != TypeKind.ERROR) {
      origin.report(report, Diagnostic.UNSUPPORTED_TYPE, type);
    }
    // A user sqlType means a user encoding too, so the generated CHECK for enums no longer fits.
    List<String> allowed =
        sqlType.isBlank()
            ? mapping.map(TypeMapping.Mapping::allowedValues).orElse(List.of())
            : List.of();

    Optional<AnnotationMirror> id = Mirrors.find(field, Id.class);
    Nullability nullability =
        column
            .map(m -> Nullability.valueOf(Mirrors.enumName(m, "nullable")))
            .orElse(Nullability.INFERRED);
    String defaultValue = column.map(m -> Mirrors.string(m, "defaultValue")).orElse("");
    if (SqlText.isBareName(defaultValue)) {
      String literal = "'" + defaultValue.strip().replace("'", "''") + "'";
      origin
          .attribute("defaultValue")
          .report(report, Diagnostic.UNQUOTED_DEFAULT, defaultValue.strip(), name, literal);
    }
    if (id.isPresent() && nullability == Nullability.NULLABLE) {
      origin
          .attribute("nullable")
          .report(
              report,
              Diagnostic.CONFLICTING_ANNOTATIONS,
              "@Id column '" + name + "' cannot be NULLABLE: a primary key is NOT NULL");
    }
    boolean notNull =
        id.isPresent()
            || nullability == Nullability.NOT_NULL
            || (nullability == Nullability.INFERRED && TypeMapping.isPrimitive(type));
    Map<Dialect, ColumnSql> dialectSql = new EnumMap<>(Dialect.class);
    dialectTexts(field, Column.Sql.class, Column.Sqls.class, "column '" + name + "'")
        .forEach(
            (dialect, o) ->
                dialectSql.put(
                    dialect,
                    new ColumnSql(
                        o,
                        Mirrors.string(o.declaration(), "sqlType"),
                        Mirrors.string(o.declaration(), "defaultValue"),
                        Mirrors.string(o.declaration(), "check"),
                        Mirrors.string(o.declaration(), "collate"))));
    ColumnModel model =
        new ColumnModel(
            origin,
            id.map(m -> Origin.of(field, m)).orElse(null),
            name,
            type,
            mapping.map(TypeMapping.Mapping::sqlType).orElse(null),
            sqlType,
            allowed,
            notNull,
            column.map(m -> Mirrors.bool(m, "unique")).orElse(false),
            defaultValue,
            column.map(m -> Mirrors.string(m, "check")).orElse(""),
            column.map(m -> Mirrors.string(m, "collate")).orElse(""),
            id.map(m -> Mirrors.bool(m, "autoIncrement")).orElse(false),
            dialectSql);
    if (dialects.contains(Dialect.POSTGRESQL) && type.getKind() != TypeKind.ERROR) {
      checkPostgres(model);
    }
    return model;
  }

  /** What the column's PostgreSQL form lacks: a type, or a counterpart of its collation. */
  private void checkPostgres(ColumnModel column) {
    PostgresColumn pg = PostgresColumn.of(column);
    String dialect = Dialect.POSTGRESQL.displayName();
    if (pg.type().isEmpty()) {
      String why =
          column.sqlType().isBlank()
              ? "it has no PostgreSQL type of the same meaning"
              : "the plain sqlType is SQLite's and does not carry over";
      column
          .origin()
          .report(
              report,
              Diagnostic.UNSUPPORTED_DIALECT_TYPE,
              "Java type " + column.javaType() + " of column '" + column.name() + "'",
              dialect,
              why,
              Dialect.POSTGRESQL.name(),
              "sqlType");
    }
    if (pg.collate() == null) {
      column
          .origin()
          .attribute("collate")
          .report(
              report,
              Diagnostic.UNSUPPORTED_DIALECT_COLLATION,
              column.collate().strip(),
              column.name(),
              dialect,
              "it has no built-in collation of that meaning",
              Dialect.POSTGRESQL.name());
    }
  }

  /**
   * Each {@code @X.Sql} of {@code element} by its dialect. A second one for a dialect, or one for
   * SQLite (whose text is the plain one), is reported and left out.
   */
  private Map<Dialect, Origin> dialectTexts(
      Element element,
      Class<? extends java.lang.annotation.Annotation> type,
      Class<? extends java.lang.annotation.Annotation> container,
      String what) {
    Map<Dialect, Origin> texts = new EnumMap<>(Dialect.class);
    String annotation = type.getEnclosingClass().getSimpleName();
    for (Origin declared : Origin.allOf(element, type, container, trees)) {
      Optional<Dialect> dialect =
          readable(
              () ->
                  Optional.of(
                      Dialect.valueOf(Mirrors.enumName(declared.declaration(), "dialect"))));
      if (dialect.isEmpty()) {
        continue;
      }
      String clash = null;
      if (dialect.get() == Dialect.SQLITE) {
        clash =
            "the plain @"
                + annotation
                + " holds SQLite's text, and @"
                + annotation
                + ".Sql(dialect = SQLITE) another";
      } else if (texts.containsKey(dialect.get())) {
        clash = "@" + annotation + ".Sql(dialect = " + dialect.get() + ") is written twice";
      }
      if (clash != null) {
        declared
            .attribute("dialect")
            .report(
                report,
                Diagnostic.DUPLICATE_DIALECT_TEXT,
                what,
                dialect.get().displayName(),
                clash,
                annotation);
      } else {
        texts.put(dialect.get(), declared);
      }
    }
    return texts;
  }

  /** SQLite's AUTOINCREMENT exists only on an {@code INTEGER PRIMARY KEY} of one column. */
  private void checkAutoIncrement(ColumnModel column, List<ColumnModel> key) {
    if (column.type().isBlank()) {
      return; // already reported as an unsupported type
    }
    String why = null;
    if (key.size() > 1) {
      why = "the primary key has " + key.size() + " columns";
    } else if (!TypeMapping.isIntegral(column.javaType())) {
      why = "'" + column.name() + "' is a " + column.javaType();
    } else if (!column.type().equalsIgnoreCase(TypeMapping.INTEGER)) {
      why = "'" + column.name() + "' is declared as " + column.type();
    }
    if (why != null) {
      column
          .idOrigin()
          .attribute("autoIncrement")
          .report(report, Diagnostic.AUTO_INCREMENT_TYPE, why);
    }
  }

  /** Empty when the parent class does not resolve: javac reports that itself. */
  private static Optional<ForeignKeyModel> reference(
      VariableElement field, AnnotationMirror mirror, String column) {
    Origin origin = Origin.of(field, mirror);
    String parentColumn = Mirrors.string(mirror, "column");
    List<NameRef> references =
        parentColumn.isBlank()
            ? List.of()
            : List.of(new NameRef(parentColumn, origin.attribute("column")));
    return Mirrors.type(mirror, "entity")
        .map(
            parent ->
                new ForeignKeyModel(
                    origin,
                    List.of(new NameRef(column, Origin.of(field))),
                    parent,
                    null,
                    references,
                    action(mirror, "onDelete"),
                    action(mirror, "onUpdate")));
  }

  private static Optional<ForeignKeyModel> foreignKey(Origin origin) {
    AnnotationMirror mirror = origin.declaration();
    return Mirrors.type(mirror, "entity")
        .map(
            parent ->
                new ForeignKeyModel(
                    origin,
                    names(origin, mirror, "columns"),
                    parent,
                    null,
                    names(origin, mirror, "references"),
                    action(mirror, "onDelete"),
                    action(mirror, "onUpdate")));
  }

  private IndexModel index(Origin origin, String table) {
    AnnotationMirror mirror = origin.declaration();
    List<NameRef> columns = names(origin, mirror, "columns");
    String derived =
        (Mirrors.bool(mirror, "unique") ? "ux_" : "ix_")
            + table
            + "_"
            + columns.stream().map(NameRef::name).collect(Collectors.joining("_"));
    String name = Mirrors.string(mirror, "name");
    if (name.isEmpty()) {
      name = derived;
    } else {
      reportReservedRelation(name, origin.attribute("name"));
    }
    return new IndexModel(origin, name, table, columns, Mirrors.bool(mirror, "unique"));
  }

  /** The trigger's text once for each dialect it serves; empty when it creates no trigger. */
  private List<TriggerModel> trigger(Origin origin) {
    AnnotationMirror mirror = origin.declaration();
    Set<Dialect> served = EnumSet.noneOf(Dialect.class);
    for (AnnotationValue entry : Mirrors.list(mirror, "dialects")) {
      if (entry.getValue() instanceof VariableElement constant) { // else javac has reported it
        served.add(Dialect.valueOf(constant.getSimpleName().toString()));
      }
    }
    String text = Mirrors.string(mirror, "sql");
    Optional<String> created =
        served.contains(Dialect.SQLITE)
            ? sqliteTrigger(origin, text)
            : otherTrigger(origin, served);
    if (created.isEmpty()) {
      return List.of();
    }
    String name = Mirrors.string(mirror, "name");
    if (!name.isEmpty() && !SqlIdentifiers.fold(name).equals(SqlIdentifiers.fold(created.get()))) {
      origin
          .attribute("name")
          .report(report, Diagnostic.TRIGGER_NAME_MISMATCH, name, created.get());
    } else {
      reportReserved(created.get(), origin.attribute("sql"));
    }
    String sql = served.contains(Dialect.SQLITE) ? SqlSplitter.split(text).get(0) : text.strip();
    return served.stream().map(d -> new TriggerModel(origin, created.get(), d, sql)).toList();
  }

  /** The name a SQLite text creates; it must be one statement, as sqlite-jdbc runs only one. */
  private Optional<String> sqliteTrigger(Origin origin, String text) {
    List<String> statements = SqlSplitter.split(text);
    Optional<String> created =
        statements.size() == 1 ? SqlText.triggerName(statements.get(0)) : Optional.empty();
    if (created.isEmpty()) {
      String shape = "its sql must be one CREATE TRIGGER ... BEGIN ... END statement";
      origin
          .attribute("sql")
          .report(
              report,
              Diagnostic.INVALID_SQL,
              "this @Trigger",
              statements.size() == 1 ? shape : shape + ", but it holds " + statements.size());
    }
    return created;
  }

  /**
   * The name another dialect's text creates: that of its CREATE TRIGGER, after the function it
   * runs. The server, not javac, judges the rest.
   */
  private Optional<String> otherTrigger(Origin origin, Set<Dialect> served) {
    String text = Mirrors.string(origin.declaration(), "sql");
    for (Dialect dialect : served) {
      Optional<String> created =
          dialect.split(text).stream()
              .map(SqlText::triggerName)
              .flatMap(Optional::stream)
              .findFirst();
      if (created.isPresent()) {
        return created;
      }
    }
    origin
        .attribute("sql")
        .report(
            report,
            Diagnostic.TRIGGER_SHAPE,
            served.stream().map(Dialect::displayName).sorted().collect(Collectors.joining(", ")));
    return Optional.empty();
  }

  /**
   * Each trigger has one text per targeted dialect: a second one for a dialect is reported, and a
   * missing one on the trigger's first {@code @Trigger}.
   */
  private void checkTriggerDialects(TypeElement type, List<TriggerModel> triggers) {
    Map<String, List<TriggerModel>> byName = new LinkedHashMap<>();
    for (TriggerModel trigger : List.copyOf(triggers)) {
      List<TriggerModel> same =
          byName.computeIfAbsent(SqlIdentifiers.fold(trigger.name()), k -> new ArrayList<>());
      if (same.stream().anyMatch(t -> t.dialect() == trigger.dialect())) {
        trigger
            .origin()
            .attribute("dialects")
            .report(
                report,
                Diagnostic.DUPLICATE_DIALECT_TEXT,
                "Trigger '" + trigger.name() + "' of " + type.getQualifiedName(),
                trigger.dialect().displayName(),
                "two @Trigger of that name serve it",
                "Trigger");
        triggers.remove(trigger);
      } else {
        same.add(trigger);
      }
    }
    String targeted =
        dialects.stream()
            .map(d -> d.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(","));
    for (List<TriggerModel> same : byName.values()) {
      for (Dialect dialect : dialects) {
        if (same.stream().noneMatch(t -> t.dialect() == dialect)) {
          TriggerModel first = same.get(0);
          first
              .origin()
              .report(
                  report,
                  Diagnostic.MISSING_DIALECT_TEXT,
                  "Trigger '" + first.name() + "' of " + type.getQualifiedName(),
                  dialect.displayName(),
                  targeted,
                  "add @Trigger(name = \""
                      + first.name()
                      + "\", dialects = "
                      + dialect.name()
                      + ", sql = \"...\") with its text for "
                      + dialect.displayName()
                      + (dialect == Dialect.POSTGRESQL
                          ? " (CREATE FUNCTION ... RETURNS trigger ...; CREATE TRIGGER ...)"
                          : "")
                      + ", or list "
                      + dialect.name()
                      + " in this @Trigger's dialects when its text runs there as it is");
        }
      }
    }
  }

  /** The explicit name, or the snake_case of the Java name; reported when SQLite refuses it. */
  private String checkedName(String explicit, String javaName, Origin origin) {
    String name = explicit.isEmpty() ? Identifiers.snakeCase(javaName) : explicit;
    reportReserved(name, origin);
    return name;
  }

  /** Like {@link #checkedName}, for a table or view, which also must not take Strata's names. */
  private String checkedRelationName(String explicit, String javaName, Origin origin) {
    String name = explicit.isEmpty() ? Identifiers.snakeCase(javaName) : explicit;
    reportReservedRelation(name, origin);
    return name;
  }

  private void reportReserved(String name, Origin origin) {
    Identifiers.problem(name)
        .ifPresent(why -> origin.report(report, Diagnostic.RESERVED_NAME, name, why));
  }

  /** Tables, views and indexes share one namespace in SQLite, with Strata's history table. */
  private void reportReservedRelation(String name, Origin origin) {
    Identifiers.relationProblem(name)
        .ifPresent(why -> origin.report(report, Diagnostic.RESERVED_NAME, name, why));
  }

  /** Empty when javac could not evaluate a required attribute; it has reported that itself. */
  private static <T> Optional<T> readable(Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (Mirrors.Unreadable e) {
      return Optional.empty();
    }
  }

  private static List<NameRef> names(Origin origin, AnnotationMirror mirror, String attribute) {
    List<NameRef> names = new ArrayList<>();
    for (AnnotationValue entry : Mirrors.list(mirror, attribute)) {
      if (Mirrors.is(entry, String.class)) { // else javac has reported it
        names.add(new NameRef((String) entry.getValue(), origin.entry(entry)));
      }
    }
    return names;
  }

  private static Action action(AnnotationMirror mirror, String attribute) {
    return Action.valueOf(Mirrors.enumName(mirror, attribute));
  }
}
