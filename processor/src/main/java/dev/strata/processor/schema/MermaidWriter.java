package dev.strata.processor.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the tables as a Mermaid {@code erDiagram}. A relationship's parent end is "exactly one"
 * when the foreign key is NOT NULL and "zero or one" when it is nullable; its child end is "zero or
 * one" when the foreign-key columns are unique and "zero or many" otherwise.
 */
public final class MermaidWriter {
  private static final String INDENT = "    ";

  private MermaidWriter() {}

  public static String write(EntitySchema schema) {
    StringBuilder out = new StringBuilder("erDiagram\n");
    for (EntityModel table : schema.tables()) {
      out.append(INDENT).append(name(table.table())).append(" {\n");
      for (ColumnModel column : table.columns()) {
        out.append(INDENT).append(INDENT).append(type(column.type())).append(' ')
            .append(name(column.name()));
        List<String> keys = keys(table, column);
        if (!keys.isEmpty()) {
          out.append(' ').append(String.join(", ", keys));
        }
        out.append('\n');
      }
      out.append(INDENT).append("}\n");
    }
    for (EntityModel child : schema.tables()) {
      for (ForeignKeyModel fk : child.foreignKeys()) {
        boolean required = fk.columnNames().stream()
            .allMatch(c -> child.column(c).map(ColumnModel::notNull).orElse(false));
        boolean oneToOne = child.isUniqueKey(fk.columnNames());
        out.append(INDENT).append(name(fk.parentTable())).append(' ')
            .append(required ? "||" : "|o").append("--").append(oneToOne ? "o|" : "o{")
            .append(' ').append(name(child.table()))
            .append(" : \"").append(String.join(", ", fk.columnNames())).append("\"\n");
      }
    }
    return out.toString();
  }

  private static List<String> keys(EntityModel table, ColumnModel column) {
    List<String> keys = new ArrayList<>();
    if (column.primaryKey()) {
      keys.add("PK");
    }
    String key = Identifiers.key(column.name());
    boolean inForeignKey = table.foreignKeys().stream()
        .flatMap(fk -> fk.columnNames().stream())
        .anyMatch(c -> Identifiers.key(c).equals(key));
    if (inForeignKey) {
      keys.add("FK");
    }
    if (column.unique()) {
      keys.add("UK");
    }
    return keys;
  }

  /** Mermaid names are letters, digits, '_' and '-', starting with a letter. */
  private static String name(String sqlName) {
    String name = sqlName.replaceAll("[^A-Za-z0-9_-]", "_");
    return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "t" + name : name;
  }

  /** Types may also hold parentheses and brackets, as in {@code VARCHAR(20)}. */
  private static String type(String sqlType) {
    String type = sqlType.replaceAll("[^A-Za-z0-9_()\\[\\]-]", "_");
    return type.isEmpty() || !Character.isLetter(type.charAt(0)) ? "ANY" + type : type;
  }
}
