package dev.strata.processor;

import com.sun.source.util.Trees;
import dev.strata.annotation.Entity;
import dev.strata.annotation.View;
import dev.strata.processor.schema.DdlWriter;
import dev.strata.processor.schema.EntityModel;
import dev.strata.processor.schema.EntityParser;
import dev.strata.processor.schema.EntitySchema;
import dev.strata.processor.schema.MermaidWriter;
import dev.strata.processor.schema.SchemaValidator;
import dev.strata.processor.schema.SchemaWriter;
import dev.strata.processor.schema.SqlVerifier;
import dev.strata.processor.schema.ViewModel;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaSnapshot;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@code @Entity} and {@code @View} → {@code StrataSchema}, {@code schema.sql},
 * {@code schema.json}, {@code schema.mmd} and the service entry. Parses each type, checks them
 * together, then runs the DDL on an in-memory SQLite; generates only from a clean report.
 */
final class SchemaStep implements ProcessingStep {
  static final String RESOURCE_DIR = "META-INF/strata/";

  private final Filer filer;
  private final Types types;
  private final Trees trees;
  private EntitySchema schema;

  SchemaStep(ProcessingEnvironment env) {
    this(env.getFiler(), env.getTypeUtils(), treesOf(env));
  }

  SchemaStep(Filer filer, Types types, Trees trees) {
    this.filer = filer;
    this.types = types;
    this.trees = trees;
  }

  /** javac's trees, or {@code null} under a compiler that has none; positions are coarser then. */
  private static Trees treesOf(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  @Override
  public List<Class<? extends Annotation>> annotations() {
    return List.of(Entity.class, View.class);
  }

  @Override
  public ValidationReport validate(List<TypeElement> elements) {
    ValidationReport.Builder report = ValidationReport.builder();
    EntityParser parser = new EntityParser(report, types, trees);
    List<EntityModel> entities = new ArrayList<>();
    List<ViewModel> views = new ArrayList<>();
    for (TypeElement element : elements) {
      try {
        if (!parser.checkShape(element)) {
          continue;
        }
        if (element.getAnnotation(Entity.class) != null) {
          entities.add(parser.parseEntity(element));
        }
        if (element.getAnnotation(View.class) != null) {
          parser.parseView(element).ifPresent(views::add);
        }
      } catch (RuntimeException e) {
        report.report(Diagnostic.INTERNAL_ERROR, element, InternalErrors.describe(e));
      }
    }
    EntitySchema checked = new SchemaValidator(report).validate(entities, views);
    if (!report.hasErrors() && !elements.isEmpty()) {
      try {
        new SqlVerifier(report).verify(checked);
      } catch (RuntimeException e) {
        report.report(Diagnostic.INTERNAL_ERROR, elements.get(0), InternalErrors.describe(e));
      }
    }
    schema = report.hasErrors() ? null : checked;
    return report.build();
  }

  @Override
  public void generate(String targetPackage) throws IOException {
    if (schema == null || (schema.tables().isEmpty() && schema.views().isEmpty())) {
      return; // a module without entities has no schema to declare
    }
    Element[] origins = schema.originatingElements();
    List<String> statements = DdlWriter.statements(schema);
    SchemaWriter.write(targetPackage, statements, origins).writeTo(filer);
    writeResource(RESOURCE_DIR + "schema.sql", DdlWriter.script(statements), origins);
    // The snapshot is read back from SQLite by the runtime's own inspector, so that it matches
    // what a drift check of a live database sees, byte for byte.
    writeResource(RESOURCE_DIR + "schema.json",
        SchemaSnapshot.toJson(SchemaInspector.inspect(statements)), origins);
    writeResource(RESOURCE_DIR + "schema.mmd", MermaidWriter.write(schema), origins);
    writeResource("META-INF/services/" + SchemaWriter.SCHEMA_DEFINITION_NAME,
        targetPackage + "." + SchemaWriter.SIMPLE_NAME + "\n", origins);
  }

  private void writeResource(String path, String content, Element[] origins) throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
    try (Writer writer = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      writer.write(content);
    }
  }
}
