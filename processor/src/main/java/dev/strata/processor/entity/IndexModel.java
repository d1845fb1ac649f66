package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import java.util.List;
import javax.lang.model.element.TypeElement;

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

  /** Whether the name was derived from the table and columns rather than written out. */
  public boolean derivedName() {
    return origin.attribute("name") == origin;
  }

  /** The index as another declaration's message names it: its entity, its name, and whence. */
  public String describe() {
    String owner = ((TypeElement) origin.element()).getQualifiedName().toString();
    return owner
        + " as '"
        + name
        + "'"
        + (derivedName() ? " (derived from columns " + String.join(", ", columnNames()) + ")" : "");
  }

  public List<String> columnNames() {
    return columns.stream().map(NameRef::name).toList();
  }
}
