package dev.strata.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import dev.strata.processor.base.GeneratedFiles;
import dev.strata.processor.entity.Ddl;
import dev.strata.processor.entity.EntitySchema;
import dev.strata.processor.entity.MermaidDiagram;
import dev.strata.processor.entity.SchemaClass;
import dev.strata.processor.fixture.FixturesClass;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.Migrations;
import dev.strata.processor.migration.RegistryClass;
import dev.strata.processor.migration.RepeatableModel;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaSnapshot;
import dev.strata.spi.MigrationRegistry;
import dev.strata.sql.Dialect;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.lang.model.element.Element;

/** The writing phase: every generated source and resource, from the validated models, once. */
final class GeneratedOutput {
  static final String RESOURCE_DIR = "META-INF/strata/";

  private final GeneratedFiles files;
  private final String targetPackage;
  private final boolean services;
  private final boolean fixtures;
  private final List<Dialect> dialects;

  /**
   * @param services whether to write the {@code META-INF/services} entries
   * @param fixtures whether to write {@code StrataFixtures} and the {@code <Entity>Fixture}s
   * @param dialects the targeted dialects, SQLite first: each gets its DDL
   */
  GeneratedOutput(
      GeneratedFiles files,
      String targetPackage,
      boolean services,
      boolean fixtures,
      List<Dialect> dialects) {
    this.files = files;
    this.targetPackage = targetPackage;
    this.services = services;
    this.fixtures = fixtures;
    this.dialects = List.copyOf(dialects);
  }

  /**
   * {@code StrataMigrations} and its service entry; nothing when there are no migrations. {@code
   * auxiliary} says that a migration lives in a source file named after another class, which
   * javac's {@code -Xlint:auxiliaryclass} would flag where the registry calls {@code new} on it.
   */
  void writeRegistry(Migrations migrations, boolean auxiliary) throws IOException {
    if (migrations.isEmpty()) {
      return;
    }
    List<Element> origins =
        Stream.concat(
                migrations.versioned().stream().map(MigrationModel::element),
                migrations.repeatables().stream().map(RepeatableModel::element))
            .map(Element.class::cast)
            .toList();
    TypeSpec.Builder registry = RegistryClass.render(migrations);
    if (auxiliary) {
      registry.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "$S", "auxiliaryclass")
              .build());
    }
    files.writeSource(targetPackage, registry, origins);
    if (services) {
      files.writeService(
          MigrationRegistry.class.getName(),
          ClassName.get(targetPackage, RegistryClass.CLASS_NAME),
          origins);
    }
  }

  /**
   * {@code StrataSchema}, {@code schema.sql} (and {@code schema.postgresql.sql} when PostgreSQL is
   * targeted), {@code schema.json}, {@code schema.mmd} and the service entry; nothing for a module
   * without entities or views.
   */
  void writeSchema(EntitySchema schema) throws IOException {
    if (schema.isEmpty()) {
      return;
    }
    List<Element> origins = schema.originatingElements();
    Map<Dialect, List<String>> byDialect = new EnumMap<>(Dialect.class);
    for (Dialect dialect : dialects) {
      byDialect.put(dialect, Ddl.statements(schema, dialect));
    }
    List<String> statements = byDialect.get(Dialect.SQLITE);
    files.writeSource(targetPackage, SchemaClass.render(byDialect), origins);
    for (Dialect dialect : dialects) {
      files.writeResource(
          RESOURCE_DIR + schemaFile(dialect), Ddl.script(byDialect.get(dialect)), origins);
    }
    // The snapshot is read back from SQLite by the runtime's own inspector, so that it matches
    // what a drift check of a live database sees, byte for byte.
    files.writeResource(
        RESOURCE_DIR + "schema.json",
        SchemaSnapshot.toJson(SchemaInspector.inspect(statements)),
        origins);
    files.writeResource(RESOURCE_DIR + "schema.mmd", MermaidDiagram.render(schema), origins);
    if (fixtures && !schema.tables().isEmpty()) {
      for (TypeSpec.Builder fixture : FixturesClass.render(schema, targetPackage)) {
        files.writeSource(targetPackage, fixture, origins);
      }
    }
    if (services) {
      files.writeService(
          SchemaClass.SCHEMA_DEFINITION_NAME,
          ClassName.get(targetPackage, SchemaClass.SIMPLE_NAME),
          origins);
    }
  }

  /** {@code schema.sql} for SQLite, {@code schema.<dialect>.sql} for any other. */
  static String schemaFile(Dialect dialect) {
    return dialect == Dialect.SQLITE
        ? "schema.sql"
        : "schema." + dialect.name().toLowerCase(Locale.ROOT) + ".sql";
  }

  /**
   * The {@link OutputIndex} of every annotated type, read back by the next compilation into this
   * output; {@code origins} are all of them, so that every type's change redoes it.
   */
  void writeIndex(OutputIndex index, List<? extends Element> origins) throws IOException {
    files.writeResource(OutputIndex.PATH, index.render(), origins);
  }
}
