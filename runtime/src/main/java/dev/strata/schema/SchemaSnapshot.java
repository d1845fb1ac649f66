package dev.strata.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The stable JSON form of a {@link SchemaModel}, written to {@code META-INF/strata/schema.json}.
 *
 * <p>The same model always gives the same bytes: keys in a fixed order, objects sorted as in the
 * model, two-space indents, {@code \n} line ends, no timestamps. {@code formatVersion} changes only
 * when the format does; {@link #fromJson} refuses any version it does not know.
 *
 * <p>Members for rarely used features ({@code ON CONFLICT} resolutions, deferred foreign keys,
 * virtual tables, an {@code INTEGER PRIMARY KEY DESC} that is no rowid alias) are written last in
 * their object and only when they differ from SQLite's default, and read as the default when
 * absent: a schema that does not use them has the same snapshot as before they were recorded, and
 * older snapshots still read.
 */
public final class SchemaSnapshot {
  public static final int FORMAT_VERSION = 1;

  private SchemaSnapshot() {}

  public static String toJson(SchemaModel model) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", (long) FORMAT_VERSION);
    root.put("tables", model.tables().stream().map(SchemaSnapshot::table).toList());
    root.put(
        "views",
        model.views().stream().map(v -> object("name", v.name(), "sql", v.sql())).toList());
    root.put(
        "triggers",
        model.triggers().stream()
            .map(t -> object("name", t.name(), "table", t.table(), "sql", t.sql()))
            .toList());
    return Json.write(root);
  }

  /**
   * Reads a snapshot written by {@link #toJson}.
   *
   * @throws IllegalArgumentException if the text is not such a snapshot
   */
  public static SchemaModel fromJson(String json) {
    Node root = new Node("snapshot", Json.parse(json));
    long version = root.number("formatVersion");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unsupported snapshot formatVersion " + version);
    }
    return new SchemaModel(
        root.list("tables", SchemaSnapshot::table),
        root.list("views", v -> new SchemaModel.View(v.string("name"), v.string("sql"))),
        root.list(
            "triggers",
            t -> new SchemaModel.Trigger(t.string("name"), t.string("table"), t.string("sql"))));
  }

  private static Map<String, Object> table(SchemaModel.Table table) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", table.name());
    json.put("columns", table.columns().stream().map(SchemaSnapshot::column).toList());
    json.put("autoIncrement", table.autoIncrement());
    json.put("withoutRowid", table.withoutRowid());
    json.put("strict", table.strict());
    json.put("checks", table.checks());
    json.put(
        "uniques",
        table.uniques().stream()
            .map(
                u ->
                    unlessDefault(
                        object("columns", u.columns()),
                        "onConflict",
                        u.onConflict(),
                        SchemaModel.DEFAULT_ON_CONFLICT))
            .toList());
    json.put(
        "foreignKeys",
        table.foreignKeys().stream()
            .map(
                fk ->
                    unlessDefault(
                        object(
                            "columns", fk.columns(),
                            "parentTable", fk.parentTable(),
                            "parentColumns", fk.parentColumns(),
                            "onDelete", fk.onDelete(),
                            "onUpdate", fk.onUpdate()),
                        "deferred",
                        fk.deferred(),
                        false))
            .toList());
    json.put(
        "indexes",
        table.indexes().stream()
            .map(
                ix ->
                    object(
                        "name", ix.name(),
                        "unique", ix.unique(),
                        "columns", ix.columns(),
                        "where", ix.where()))
            .toList());
    unlessDefault(
        json,
        "primaryKeyOnConflict",
        table.primaryKeyOnConflict(),
        SchemaModel.DEFAULT_ON_CONFLICT);
    unlessDefault(json, "virtualModule", table.virtualModule(), null);
    // Written only for INTEGER PRIMARY KEY DESC, the one INTEGER key that does not alias the rowid.
    return unlessDefault(
        json,
        "rowidAlias",
        table.rowidAlias(),
        SchemaModel.Table.hasIntegerPrimaryKey(
            table.columns(), table.withoutRowid(), table.virtualModule()));
  }

  private static SchemaModel.Table table(Node json) {
    List<SchemaModel.Column> columns = json.list("columns", SchemaSnapshot::column);
    boolean withoutRowid = json.bool("withoutRowid");
    String virtualModule = json.optional("virtualModule", String.class, null);
    return new SchemaModel.Table(
        json.string("name"),
        columns,
        json.optional("primaryKeyOnConflict", String.class, SchemaModel.DEFAULT_ON_CONFLICT),
        json.bool("autoIncrement"),
        withoutRowid,
        json.bool("strict"),
        virtualModule,
        json.strings("checks"),
        json.list(
            "uniques",
            u ->
                new SchemaModel.Unique(
                    u.strings("columns"),
                    u.optional("onConflict", String.class, SchemaModel.DEFAULT_ON_CONFLICT))),
        json.list(
            "foreignKeys",
            fk ->
                new SchemaModel.ForeignKey(
                    fk.strings("columns"),
                    fk.string("parentTable"),
                    fk.strings("parentColumns"),
                    fk.string("onDelete"),
                    fk.string("onUpdate"),
                    fk.optional("deferred", Boolean.class, false))),
        json.list(
            "indexes",
            ix ->
                new SchemaModel.Index(
                    ix.string("name"),
                    ix.bool("unique"),
                    ix.strings("columns"),
                    ix.nullableString("where"))),
        json.optional(
            "rowidAlias",
            Boolean.class,
            SchemaModel.Table.hasIntegerPrimaryKey(columns, withoutRowid, virtualModule)));
  }

  private static Map<String, Object> column(SchemaModel.Column column) {
    SchemaModel.Generated generated = column.generated();
    Map<String, Object> json =
        object(
            "name",
            column.name(),
            "type",
            column.type(),
            "notNull",
            column.notNull(),
            "default",
            column.defaultValue(),
            "primaryKeyPosition",
            (long) column.primaryKeyPosition(),
            "collation",
            column.collation(),
            "generated",
            generated == null
                ? null
                : object("expression", generated.expression(), "stored", generated.stored()));
    return unlessDefault(
        json, "notNullOnConflict", column.notNullOnConflict(), SchemaModel.DEFAULT_ON_CONFLICT);
  }

  private static SchemaModel.Column column(Node json) {
    Node generated = json.nullableObject("generated");
    return new SchemaModel.Column(
        json.string("name"),
        json.string("type"),
        json.bool("notNull"),
        json.optional("notNullOnConflict", String.class, SchemaModel.DEFAULT_ON_CONFLICT),
        json.nullableString("default"),
        Math.toIntExact(json.number("primaryKeyPosition")),
        json.string("collation"),
        generated == null
            ? null
            : new SchemaModel.Generated(generated.string("expression"), generated.bool("stored")));
  }

  /** {@code json} with {@code key} added at its end, unless {@code value} is the default. */
  private static Map<String, Object> unlessDefault(
      Map<String, Object> json, String key, Object value, Object defaultValue) {
    if (!Objects.equals(value, defaultValue)) {
      json.put(key, value);
    }
    return json;
  }

  /** An object from alternating keys and values, in that order. */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A parsed JSON object with typed, required members; {@code path} locates errors. */
  private record Node(String path, Object value) {
    Node {
      if (!(value instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(path + ": expected an object");
      }
    }

    private Object member(String key) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (!map.containsKey(key)) {
        throw new IllegalArgumentException(path + ": missing \"" + key + "\"");
      }
      return map.get(key);
    }

    private <T> T typed(String key, Class<T> type) {
      Object member = member(key);
      if (!type.isInstance(member)) {
        throw new IllegalArgumentException(path + "." + key + ": expected " + type.getSimpleName());
      }
      return type.cast(member);
    }

    /** A member that may be left out, meaning {@code defaultValue}. */
    <T> T optional(String key, Class<T> type, T defaultValue) {
      return ((Map<?, ?>) value).containsKey(key) ? typed(key, type) : defaultValue;
    }

    String string(String key) {
      return typed(key, String.class);
    }

    String nullableString(String key) {
      return member(key) == null ? null : string(key);
    }

    boolean bool(String key) {
      return typed(key, Boolean.class);
    }

    long number(String key) {
      return typed(key, Long.class);
    }

    Node nullableObject(String key) {
      return member(key) == null ? null : new Node(path + "." + key, member(key));
    }

    List<String> strings(String key) {
      List<?> items = typed(key, List.class);
      for (Object item : items) {
        if (!(item instanceof String)) {
          throw new IllegalArgumentException(path + "." + key + ": expected strings");
        }
      }
      return items.stream().map(String.class::cast).toList();
    }

    <T> List<T> list(String key, Function<Node, T> reader) {
      List<?> items = typed(key, List.class);
      return items.stream()
          .map(item -> reader.apply(new Node(path + "." + key + "[]", item)))
          .toList();
    }
  }
}
