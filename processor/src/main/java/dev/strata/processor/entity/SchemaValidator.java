package dev.strata.processor.entity;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.Origin;
import dev.strata.processor.base.ValidationReport;
import dev.strata.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The checks that need every entity at once: unique names across tables, views and indexes, index
 * columns, defaults against their generated CHECKs (on one in-memory SQLite), and foreign keys
 * resolved against their parents. Returns the schema in creation order.
 */
public final class SchemaValidator {
  private final ValidationReport.Builder report;

  public SchemaValidator(ValidationReport.Builder report) {
    this.report = report;
  }

  /** Both lists in qualified-name order, as parsed; the first of two equal names wins. */
  public EntitySchema validate(List<EntityModel> entities, List<ViewModel> views) {
    checkUniqueRelationNames(entities, views);
    checkIndexes(entities);
    DefaultValues.check(entities, report);
    Map<String, EntityModel> byType = new HashMap<>();
    entities.forEach(e -> byType.put(e.qualifiedName(), e));
    List<EntityModel> resolved = new ArrayList<>();
    for (EntityModel entity : entities) {
      List<ForeignKeyModel> keys = new ArrayList<>();
      for (ForeignKeyModel fk : entity.foreignKeys()) {
        keys.add(resolve(entity, fk, byType));
      }
      resolved.add(entity.withForeignKeys(keys));
    }
    List<ViewModel> sortedViews = new ArrayList<>(views);
    sortedViews.sort(Comparator.comparing((ViewModel v) -> SqlIdentifiers.fold(v.name())));
    return new EntitySchema(TableOrder.sort(resolved), sortedViews);
  }

  /** Tables and views share one namespace in SQLite; each declaration of a clash is reported. */
  private void checkUniqueRelationNames(List<EntityModel> entities, List<ViewModel> views) {
    record Relation(String name, Origin origin) {
      String owner() {
        return ((TypeElement) origin.element()).getQualifiedName().toString();
      }
    }
    List<Relation> all = new ArrayList<>();
    entities.forEach(e -> all.add(new Relation(e.table(), e.origin().attribute("table"))));
    views.forEach(v -> all.add(new Relation(v.name(), v.origin().attribute("name"))));
    all.sort(Comparator.comparing(Relation::owner));
    NameClashes.find(
        all,
        Relation::name,
        (relation, others) ->
            relation
                .origin()
                .report(
                    report,
                    Diagnostic.DUPLICATE_TABLE,
                    relation.name(),
                    NameClashes.list(others.stream().map(Relation::owner).toList())));
  }

  /** Index names are global in a SQLite database, not per table. */
  private void checkIndexes(List<EntityModel> entities) {
    List<IndexModel> all = new ArrayList<>();
    for (EntityModel entity : entities) {
      all.addAll(entity.indexes());
      entity.indexes().forEach(index -> index.columns().forEach(c -> checkColumn(entity, c)));
    }
    NameClashes.find(
        all,
        IndexModel::name,
        (index, others) ->
            index
                .nameOrigin()
                .report(
                    report,
                    Diagnostic.DUPLICATE_INDEX,
                    index.name(),
                    NameClashes.list(others.stream().map(IndexModel::describe).toList())));
  }

  private boolean checkColumn(EntityModel entity, NameRef column) {
    if (entity.column(column.name()).isPresent()) {
      return true;
    }
    column
        .origin()
        .report(
            report, Diagnostic.UNKNOWN_COLUMN, entity.table(), column.name(), entity.columnList());
    return false;
  }

  /** The key with its parent table and columns filled in, after checking both ends. */
  private ForeignKeyModel resolve(
      EntityModel child, ForeignKeyModel fk, Map<String, EntityModel> entities) {
    boolean known = true;
    for (NameRef column : fk.columns()) {
      known &= checkColumn(child, column);
    }
    EntityModel parent = entities.get(qualifiedName(fk.parentType()));
    if (parent == null) {
      if (fk.parentType().getKind() == TypeKind.ERROR) {
        return fk; // javac reports the unknown class itself
      }
      fk.origin()
          .attribute("entity")
          .report(report, Diagnostic.REFERENCE_NOT_ENTITY, fk.parentType());
      return fk;
    }
    List<NameRef> references = fk.references();
    if (references.isEmpty() && fk.isFieldReference()) {
      if (parent.primaryKey().isEmpty()) {
        return fk; // the parent's EntityMissingId says it all
      }
      references =
          parent.primaryKey().stream()
              .map(c -> new NameRef(c.name(), fk.origin().attribute("entity")))
              .toList();
    }
    if (references.size() != fk.columns().size()) {
      fk.referencesOrigin()
          .report(report, Diagnostic.FOREIGN_KEY_ARITY, fk.columns().size(), references.size());
      return fk;
    }
    for (NameRef reference : references) {
      if (parent.column(reference.name()).isEmpty()) {
        reference
            .origin()
            .report(
                report,
                Diagnostic.REFERENCE_COLUMN_MISSING,
                parent.table(),
                reference.name(),
                parent.columnList());
        known = false;
      }
    }
    ForeignKeyModel resolved = fk.resolve(parent.table(), references);
    if (!known) {
      return resolved;
    }
    if (!parent.isUniqueKey(resolved.referenceNames())) {
      fk.referencesOrigin()
          .report(
              report, Diagnostic.REFERENCE_NOT_UNIQUE, resolved.referenceNames(), parent.table());
    } else if (!child.hasIndexStartingWith(resolved.columnNames())) {
      fk.origin()
          .report(
              report,
              Diagnostic.UNINDEXED_FOREIGN_KEY,
              "(" + String.join(", ", resolved.columnNames()) + ")",
              child.table());
    }
    return resolved;
  }

  private static String qualifiedName(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return type.toString();
    }
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
  }
}
