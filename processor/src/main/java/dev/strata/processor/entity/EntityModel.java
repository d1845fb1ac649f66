package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import dev.strata.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * One table, parsed from an {@code @Entity} class or record.
 *
 * @param origin the type with its {@code @Entity}
 * @param columns in declaration order, superclass fields first
 */
public record EntityModel(
    Origin origin,
    String table,
    List<ColumnModel> columns,
    List<ForeignKeyModel> foreignKeys,
    List<IndexModel> indexes,
    List<TriggerModel> triggers) {

  public EntityModel {
    columns = List.copyOf(columns);
    foreignKeys = List.copyOf(foreignKeys);
    indexes = List.copyOf(indexes);
    triggers = List.copyOf(triggers);
  }

  public TypeElement type() {
    return (TypeElement) origin.element();
  }

  public String qualifiedName() {
    return type().getQualifiedName().toString();
  }

  public List<ColumnModel> primaryKey() {
    return columns.stream().filter(ColumnModel::primaryKey).toList();
  }

  public Optional<ColumnModel> column(String name) {
    String key = SqlIdentifiers.fold(name);
    return columns.stream().filter(c -> SqlIdentifiers.fold(c.name()).equals(key)).findFirst();
  }

  /** For hints: every column name, comma-separated. */
  public String columnList() {
    return columns.stream().map(ColumnModel::name).collect(Collectors.joining(", "));
  }

  /** Whether exactly these columns are the primary key or carry a UNIQUE constraint or index. */
  public boolean isUniqueKey(Collection<String> names) {
    Set<String> wanted = keys(names);
    if (wanted.equals(keys(primaryKey().stream().map(ColumnModel::name).toList()))) {
      return true;
    }
    if (wanted.size() == 1
        && columns.stream()
            .anyMatch(c -> c.unique() && wanted.contains(SqlIdentifiers.fold(c.name())))) {
      return true;
    }
    return indexes.stream().anyMatch(i -> i.unique() && wanted.equals(keys(i.columnNames())));
  }

  /**
   * Whether some index (or the key, or a UNIQUE column) leads with these columns, in any order, so
   * that finding the rows that reference a parent row needs no table scan.
   */
  public boolean hasIndexStartingWith(List<String> names) {
    List<List<String>> candidates = new ArrayList<>();
    candidates.add(primaryKey().stream().map(ColumnModel::name).toList());
    columns.stream().filter(ColumnModel::unique).forEach(c -> candidates.add(List.of(c.name())));
    indexes.forEach(i -> candidates.add(i.columnNames()));
    Set<String> wanted = keys(names);
    return candidates.stream()
        .filter(c -> c.size() >= wanted.size())
        .anyMatch(c -> keys(c.subList(0, wanted.size())).equals(wanted));
  }

  public EntityModel withColumn(int index, ColumnModel column) {
    List<ColumnModel> changed = new ArrayList<>(columns);
    changed.set(index, column);
    return new EntityModel(origin, table, changed, foreignKeys, indexes, triggers);
  }

  public EntityModel withForeignKeys(List<ForeignKeyModel> resolved) {
    return new EntityModel(origin, table, columns, resolved, indexes, triggers);
  }

  private static Set<String> keys(Collection<String> names) {
    return names.stream().map(SqlIdentifiers::fold).collect(Collectors.toSet());
  }
}
