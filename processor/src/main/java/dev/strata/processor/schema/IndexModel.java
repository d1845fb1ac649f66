package dev.strata.processor.schema;

import java.util.List;

/** A {@code CREATE [UNIQUE] INDEX} from {@code @Index}; {@code origin} is that annotation. */
public record IndexModel(
    Origin origin, String name, String table, List<NameRef> columns, boolean unique) {

  public IndexModel {
    columns = List.copyOf(columns);
  }

  public List<String> columnNames() {
    return columns.stream().map(NameRef::name).toList();
  }
}
