package dev.strata.processor.entity;

import dev.strata.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the tables as a Mermaid {@code erDiagram}. A relationship's parent end is "exactly one"
 * when the foreign key is NOT NULL and "zero or one" when it is nullable; its child end is "zero or
 * one" when the foreign-key columns are unique and "zero or many" otherwise.
 */
public final class MermaidDiagram {
  private static final String INDENT = "    ";

  /** What Mermaid takes as an entity or attribute name, or as a type, without quotes. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_()\\[\\]-]*");
  private static final Pattern TYPE_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private MermaidDiagram() {}

  public static String render(EntitySchema schema) {
    Map<String, String> ids = ids(schema.tables());
    StringBuilder out = new StringBuilder("erDiagram\n");
    for (EntityModel table : schema.tables()) {
      String id = ids.get(SqlIdentifiers.fold(table.table()));
      out.append(INDENT).append(id);
      if (!id.equals(table.table())) {
        out.append("[\"").append(label(table.table())).append("\"]");
      }
      out.append(" {\n");
      for (ColumnModel column : table.columns()) {
        out.append(INDENT).append(INDENT).append(attribute(table, column)).append('\n');
      }
      out.append(INDENT).append("}\n");
    }
    for (EntityModel child : schema.tables()) {
      for (ForeignKeyModel fk : child.foreignKeys()) {
        boolean required =
            fk.columnNames().stream()
                .allMatch(c -> child.column(c).map(ColumnModel::notNull).orElse(false));
        boolean oneToOne = child.isUniqueKey(fk.columnNames());
        out.append(INDENT)
            .append(ids.get(SqlIdentifiers.fold(fk.parentTable())))
            .append(' ')
            .append(required ? "||" : "|o")
            .append("--")
            .append(oneToOne ? "o|" : "o{")
            .append(' ')
            .append(ids.get(SqlIdentifiers.fold(child.table())))
            .append(" : \"")
            .append(label(String.join(", ", fk.columnNames())))
            .append("\"\n");
      }
    }
    return out.toString();
  }

  /**
   * A Mermaid id per table, by folded name: the name itself when plain, else a plain alias that no
   * other table takes; the diagram then shows the real name through Mermaid's {@code id["name"]}.
   */
  private static Map<String, String> ids(List<EntityModel> tables) {
    Map<String, String> ids = new HashMap<>();
    Set<String> taken = new HashSet<>();
    tables.stream()
        .map(EntityModel::table)
        .filter(n -> PLAIN.matcher(n).matches())
        .forEach(
            n -> {
              ids.put(SqlIdentifiers.fold(n), n);
              taken.add(n);
            });
    for (EntityModel table : tables) {
      String name = table.table();
      if (!PLAIN.matcher(name).matches()) {
        String base = "t_" + name.replaceAll("[^A-Za-z0-9_-]", "_");
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
          id = base + "_" + i;
        }
        ids.put(SqlIdentifiers.fold(name), id);
      }
    }
    return ids;
  }

  /**
   * {@code type name keys "comment"}. Mermaid's attribute names and types allow fewer characters
   * than SQLite's, so a name or type that does not fit is shortened and written whole in the
   * comment: {@code TEXT unit_price "unit price"}, {@code DECIMAL price "DECIMAL(10, 2)"}.
   */
  private static String attribute(EntityModel table, ColumnModel column) {
    List<String> whole = new ArrayList<>();
    String type = column.type();
    if (!PLAIN_TYPE.matcher(type).matches()) {
      whole.add(type);
      Matcher word = TYPE_WORD.matcher(type);
      type = word.lookingAt() ? word.group() : "ANY";
    }
    String name = column.name();
    if (!PLAIN.matcher(name).matches()) {
      whole.add(0, name);
      name = "c_" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
    StringBuilder out = new StringBuilder(type).append(' ').append(name);
    List<String> keys = keys(table, column);
    if (!keys.isEmpty()) {
      out.append(' ').append(String.join(", ", keys));
    }
    if (!whole.isEmpty()) {
      out.append(" \"").append(label(String.join(" ", whole))).append('"');
    }
    return out.toString();
  }

  private static List<String> keys(EntityModel table, ColumnModel column) {
    List<String> keys = new ArrayList<>();
    if (column.primaryKey()) {
      keys.add("PK");
    }
    String key = SqlIdentifiers.fold(column.name());
    boolean inForeignKey =
        table.foreignKeys().stream()
            .flatMap(fk -> fk.columnNames().stream())
            .anyMatch(c -> SqlIdentifiers.fold(c).equals(key));
    if (inForeignKey) {
      keys.add("FK");
    }
    if (column.unique()) {
      keys.add("UK");
    }
    return keys;
  }

  /** Text inside Mermaid's double quotes, which cannot hold one itself. */
  private static String label(String text) {
    return text.replace('"', '\'');
  }
}
