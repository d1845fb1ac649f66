package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import java.util.List;

/** A {@code CREATE [UNIQUE] INDEX} from {@code @Index}; {@code origin} is that annotation. */
public record IndexModel(
    Origin origin, String name, String table, List<NameRef> columns, boolean unique) {

  public IndexModel {
    columns = List.copyOf(columns);
  }

  /** Where the name comes from: its {@code name} attribute, or the columns it is derived from. */
  public Origin nameOrigin() {
    Origin named = origin.attribute("name");
    return named != origin ? named : origin.attribute("columns");
  }

  public List<String> columnNames() {
    return columns.stream().map(NameRef::name).toList();
  }
}
