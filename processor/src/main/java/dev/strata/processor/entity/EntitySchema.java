package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import dev.strata.sql.Dialect;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;

/**
 * The validated schema, in creation order: tables in foreign-key order, then their indexes, views
 * by name, and triggers.
 */
public record EntitySchema(List<EntityModel> tables, List<ViewModel> views) {
  public static final EntitySchema EMPTY = new EntitySchema(List.of(), List.of());

  public EntitySchema {
    tables = List.copyOf(tables);
    views = List.copyOf(views);
  }

  public List<IndexModel> indexes() {
    return tables.stream().flatMap(t -> t.indexes().stream()).toList();
  }

  /** SQLite's triggers, which the compile-time checks run. */
  public List<TriggerModel> triggers() {
    return triggers(Dialect.SQLITE);
  }

  public List<TriggerModel> triggers(Dialect dialect) {
    return tables.stream()
        .flatMap(t -> t.triggers().stream())
        .filter(t -> t.dialect() == dialect)
        .toList();
  }

  /** Every annotated type, for the generated files' originating elements. */
  public List<Element> originatingElements() {
    return Stream.concat(
            tables.stream().map(EntityModel::origin), views.stream().map(ViewModel::origin))
        .map(Origin::element)
        .toList();
  }

  /** A module without entities or views has no schema to declare. */
  public boolean isEmpty() {
    return tables.isEmpty() && views.isEmpty();
  }
}
