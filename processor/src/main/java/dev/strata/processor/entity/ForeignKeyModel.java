package dev.strata.processor.entity;

import dev.strata.annotation.Action;
import dev.strata.processor.base.Origin;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeMirror;

/**
 * A foreign key, from {@code @References} on a field or {@code @ForeignKey} on the entity.
 *
 * @param origin the annotation that declares it
 * @param parentType the referenced class, as written
 * @param parentTable the referenced table, {@code null} until resolved against the parent entity
 * @param references the parent columns; empty before resolution means "the parent's primary key"
 */
public record ForeignKeyModel(
    Origin origin,
    List<NameRef> columns,
    TypeMirror parentType,
    String parentTable,
    List<NameRef> references,
    Action onDelete,
    Action onUpdate) {

  public ForeignKeyModel {
    columns = List.copyOf(columns);
    references = List.copyOf(references);
  }

  public ForeignKeyModel resolve(String table, List<NameRef> parentColumns) {
    return new ForeignKeyModel(
        origin, columns, parentType, table, parentColumns, onDelete, onUpdate);
  }

  public List<String> columnNames() {
    return columns.stream().map(NameRef::name).toList();
  }

  public List<String> referenceNames() {
    return references.stream().map(NameRef::name).toList();
  }

  /** The attribute that names the parent columns: {@code column} or {@code references}. */
  public Origin referencesOrigin() {
    return origin.attribute(isFieldReference() ? "column" : "references");
  }

  /** Declared by {@code @References} on a field rather than {@code @ForeignKey} on the type. */
  public boolean isFieldReference() {
    return origin.element().getKind() == ElementKind.FIELD;
  }
}
