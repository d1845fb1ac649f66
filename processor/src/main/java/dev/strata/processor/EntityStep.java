package dev.strata.processor;

import com.sun.source.util.Trees;
import dev.strata.annotation.Entity;
import dev.strata.annotation.View;
import dev.strata.processor.base.InternalErrors;
import dev.strata.processor.base.Validated;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.EntityModel;
import dev.strata.processor.entity.EntityParser;
import dev.strata.processor.entity.EntitySchema;
import dev.strata.processor.entity.SchemaValidator;
import dev.strata.processor.entity.ViewModel;
import dev.strata.processor.verify.SchemaReplay;
import dev.strata.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * {@code @Entity} and {@code @View} classes → the entity schema: parses each type, checks them
 * together, then runs the DDL on an in-memory SQLite. The schema is empty unless all of it is
 * valid.
 */
final class EntityStep {
  private final Types types;
  private final Trees trees;
  private final List<Dialect> dialects;

  /**
   * @param trees positions problems inside repeated annotations; {@code null} outside javac
   * @param dialects the targeted dialects, SQLite first
   */
  EntityStep(Types types, Trees trees, List<Dialect> dialects) {
    this.types = types;
    this.trees = trees;
    this.dialects = List.copyOf(dialects);
  }

  /**
   * @param elements every {@code @Entity} and {@code @View} type, sorted by qualified name
   */
  Validated<EntitySchema> validate(List<TypeElement> elements) {
    ValidationReport.Builder report = ValidationReport.builder();
    EntityParser parser = new EntityParser(report, types, trees, dialects);
    List<EntityModel> entities = new ArrayList<>();
    List<ViewModel> views = new ArrayList<>();
    for (TypeElement element : elements) {
      InternalErrors.guard(
          element,
          report,
          () -> {
            if (!parser.checkShape(element)) {
              return;
            }
            if (element.getAnnotation(Entity.class) != null) {
              entities.add(parser.parseEntity(element));
            }
            if (element.getAnnotation(View.class) != null) {
              parser.parseView(element).ifPresent(views::add);
            }
          });
    }
    EntitySchema checked = new SchemaValidator(report).validate(entities, views);
    if (!report.hasErrors() && !elements.isEmpty()) {
      InternalErrors.guard(elements.get(0), report, () -> SchemaReplay.check(checked, report));
    }
    EntitySchema schema = report.hasErrors() ? EntitySchema.EMPTY : checked;
    return new Validated<>(schema, report.build());
  }
}
