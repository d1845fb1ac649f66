package dev.strata.processor;

import static java.util.stream.Collectors.toSet;

import com.google.auto.service.AutoService;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.strata.MigrationType;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Migration;
import dev.strata.annotation.RepeatableMigration;
import dev.strata.annotation.View;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.GeneratedFiles;
import dev.strata.processor.base.InternalErrors;
import dev.strata.processor.base.JavacTrees;
import dev.strata.processor.base.Validated;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.EntitySchema;
import dev.strata.processor.entity.SchemaClass;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.MigrationParser;
import dev.strata.processor.migration.Migrations;
import dev.strata.processor.migration.RegistryClass;
import dev.strata.processor.migration.checksum.Checksums;
import dev.strata.processor.verify.DriftLevel;
import dev.strata.processor.verify.MigrationDriftCheck;
import dev.strata.processor.verify.ReplayedSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Aggregates every Strata annotation of a compilation and generates the registry, schema and
 * resources once. Elements are kept by qualified name across rounds; types that still refer to
 * not-yet-generated classes are deferred to a later round. An element that arrives after generation
 * cannot be added any more, and is reported as {@code [LateElement]}.
 *
 * <p>Two phases: each step parses and validates its elements into an immutable model and a report;
 * once every report is printed and clean, {@link GeneratedOutput} writes from the models.
 */
@AutoService(Processor.class)
public final class StrataProcessor extends AbstractProcessor {
  private static final List<Class<? extends Annotation>> ANNOTATIONS =
      List.of(Migration.class, RepeatableMigration.class, Entity.class, View.class);

  private final Set<String> seen = new TreeSet<>();
  private ProcessorOptions options;
  private Trees trees;
  private EntityStep entityStep;
  private boolean generated;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    options = ProcessorOptions.of(env.getOptions());
    trees = JavacTrees.of(env).orElse(null);
    entityStep = new EntityStep(env.getTypeUtils(), trees, options.targetDialects());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return ANNOTATIONS.stream().map(Class::getCanonicalName).collect(toSet());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.NAMES;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Collects every round, and generates in the first round in which no collected type waits for a
   * missing one (or when processing is over). It does not wait for a round that brings no new
   * Strata element: without other generating processors that round is javac's last, and javac (17
   * included) warns about every source created in the last round, so every build would warn. An
   * element that another processor generates after that cannot join the registry any more; it is
   * reported as {@code [LateElement]} rather than silently left out. {@link
   * ProcessorOptions#WAIT_OPTION} opts into waiting for that quiet round.
   *
   * <p>Returns false, leaving the annotations unclaimed (so {@code -Xlint:processing} lists them):
   * a claimed annotation is not shown to a later {@code "*"} processor, which javac then skips in
   * that round, so a processor that generates migrations would run too late for the registry.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> arrived = new LinkedHashSet<>();
    for (Class<? extends Annotation> annotation : ANNOTATIONS) {
      arrived.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation)));
    }
    if (generated) {
      ValidationReport.Builder late = ValidationReport.builder();
      arrived.forEach(type -> late.report(Diagnostic.LATE_ELEMENT, type, type.getQualifiedName()));
      late.build().printMessagesTo(processingEnv.getMessager());
      return false;
    }
    boolean anyNew = false;
    for (TypeElement type : arrived) {
      anyNew |= seen.add(type.getQualifiedName().toString());
    }
    boolean waiting =
        (anyNew && options.waitForGenerated())
            || seen.stream().anyMatch(this::refersToMissingTypes);
    if (seen.isEmpty() || (waiting && !round.processingOver())) {
      return false;
    }
    generated = true;
    validateThenWrite();
    return false;
  }

  /**
   * Validates every step, prints every problem, and writes only when all of it is clean. The types
   * are this compilation's and, read back from their class files, those that the previous
   * compilation into the same output indexed and that still resolve and carry a Strata annotation:
   * the output is the one a build of every source would give.
   */
  private void validateThenWrite() {
    Elements elements = processingEnv.getElementUtils();
    OutputIndex previous = OutputIndex.read(processingEnv.getFiler());
    Set<String> names = new TreeSet<>(seen);
    names.addAll(previous.entries().keySet());
    List<TypeElement> all = new ArrayList<>();
    ValidationReport.Builder hidden = ValidationReport.builder();
    for (String name : names) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null && isAnnotated(type)) {
        all.add(type);
      } else if (type == null && hasClassFile(name)) {
        hidden.report(Diagnostic.OUTPUT_NOT_ON_CLASS_PATH, null, name);
      }
    }
    if (!hidden.build().isClean()) {
      // Dropping what javac cannot see would lose it from the registry for good.
      hidden.build().printMessagesTo(processingEnv.getMessager());
      return;
    }
    List<TypeElement> migrationTypes = annotatedWith(all, Migration.class);
    List<TypeElement> repeatableTypes = annotatedWith(all, RepeatableMigration.class);
    List<TypeElement> registryTypes =
        annotatedWith(all, Migration.class, RepeatableMigration.class);
    List<TypeElement> entityTypes = annotatedWith(all, Entity.class, View.class);
    Map<String, String> indexedChecksums = new TreeMap<>();
    for (TypeElement type : migrationTypes) {
      if (fromClassFile(type)) {
        previous
            .entry(type.getQualifiedName().toString())
            .map(OutputIndex.Entry::checksum)
            .ifPresent(
                checksum -> indexedChecksums.put(type.getQualifiedName().toString(), checksum));
      }
    }
    // Known before parsing: whether the registry can call `new` on a migration depends on it.
    String targetPackage = options.targetPackage(all.stream().map(this::packageOf).toList());
    MigrationStep migrationStep =
        new MigrationStep(
            new MigrationParser(
                elements,
                processingEnv.getTypeUtils(),
                new Checksums(trees, indexedChecksums),
                targetPackage,
                options.targetDialects(),
                trees));
    ValidationReport.Builder guard = ValidationReport.builder();
    Optional<Validated<Migrations>> migrations =
        InternalErrors.guard(
            first(registryTypes),
            guard,
            () -> Optional.of(migrationStep.validate(migrationTypes, repeatableTypes)));
    Optional<Validated<EntitySchema>> schema =
        InternalErrors.guard(
            first(entityTypes), guard, () -> Optional.of(entityStep.validate(entityTypes)));
    ValidationReport report =
        options
            .problems()
            .plus(migrations.map(Validated::report).orElse(ValidationReport.builder().build()))
            .plus(schema.map(Validated::report).orElse(ValidationReport.builder().build()))
            .plus(guard.build())
            .plus(foreignRegistries(targetPackage, registryTypes, entityTypes));
    report = report.plus(migrationDrift(report, migrationStep, schema, first(entityTypes)));
    report.printMessagesTo(processingEnv.getMessager());
    if (!report.isClean()) {
      return;
    }
    GeneratedOutput output =
        new GeneratedOutput(
            new GeneratedFiles(processingEnv.getFiler(), elements),
            targetPackage,
            options.services(),
            options.fixtures(),
            options.targetDialects());
    Migrations valid =
        migrations.map(Validated::model).orElse(new Migrations(List.of(), List.of()));
    write(
        first(registryTypes),
        () ->
            output.writeRegistry(
                valid, valid.versioned().stream().anyMatch(m -> auxiliary(m, previous))));
    write(first(entityTypes), () -> output.writeSchema(schema.orElseThrow().model()));
    write(first(all), () -> output.writeIndex(index(all, valid.versioned(), previous), all));
  }

  /**
   * {@code [MigrationDrift]} when everything else is clean and there are both entities and SQL
   * migrations: without either, there is nothing to compare, and nothing is said.
   */
  private ValidationReport migrationDrift(
      ValidationReport others,
      MigrationStep migrationStep,
      Optional<Validated<EntitySchema>> schema,
      Element at) {
    ValidationReport.Builder drift = ValidationReport.builder();
    Optional<DriftLevel> level = options.driftLevel();
    Optional<ReplayedSchema> replayed = migrationStep.replayed();
    if (others.isClean() && level.isPresent() && schema.isPresent() && replayed.isPresent()) {
      InternalErrors.guard(
          at,
          drift,
          () ->
              MigrationDriftCheck.check(replayed.get(), schema.get().model(), level.get(), drift));
    }
    return drift.build();
  }

  /** What the next compilation into this output needs to read these types back. */
  private OutputIndex index(
      List<TypeElement> all, List<MigrationModel> migrations, OutputIndex previous) {
    SortedMap<String, OutputIndex.Entry> entries = new TreeMap<>();
    all.forEach(type -> entries.put(type.getQualifiedName().toString(), OutputIndex.Entry.PLAIN));
    for (MigrationModel migration : migrations) {
      entries.put(
          migration.element().getQualifiedName().toString(),
          new OutputIndex.Entry(
              migration.type() == MigrationType.JAVA ? migration.checksum() : null,
              auxiliary(migration, previous)));
    }
    return new OutputIndex(entries);
  }

  /**
   * A {@code [ForeignRegistry]} for each type this compilation would generate that already exists
   * on the class path but not in its own output: the main registry seen from test sources, or a
   * dependency's. One in the own output is the previous build's, which this one replaces.
   */
  private ValidationReport foreignRegistries(
      String targetPackage, List<TypeElement> migrationTypes, List<TypeElement> entityTypes) {
    ValidationReport.Builder report = ValidationReport.builder();
    Map<String, List<TypeElement>> generated = new TreeMap<>();
    if (!migrationTypes.isEmpty()) {
      generated.put(RegistryClass.CLASS_NAME, migrationTypes);
    }
    if (!entityTypes.isEmpty()) {
      generated.put(SchemaClass.SIMPLE_NAME, entityTypes);
    }
    generated.forEach(
        (simpleName, types) -> {
          String name = targetPackage + "." + simpleName;
          if (!inOwnOutput(targetPackage, simpleName)
              && processingEnv.getElementUtils().getTypeElement(name) != null) {
            TypeElement at =
                types.stream()
                    .filter(t -> seen.contains(t.getQualifiedName().toString()))
                    .findFirst()
                    .orElse(types.get(0));
            report.report(Diagnostic.FOREIGN_REGISTRY, at, name, targetPackage + ".test", name);
          }
        });
    return report.build();
  }

  /** Whether the class output holds {@code simpleName}'s class file, from a previous build. */
  private boolean inOwnOutput(String packageName, String simpleName) {
    try (InputStream in =
        processingEnv
            .getFiler()
            .getResource(StandardLocation.CLASS_OUTPUT, packageName, simpleName + ".class")
            .openInputStream()) {
      return true;
    } catch (IOException | RuntimeException absent) {
      return false;
    }
  }

  /**
   * Whether the type comes from a class file rather than source: read back from the index, or
   * handed to javac by class name (as Gradle does to reprocess aggregating processors' inputs).
   */
  private boolean fromClassFile(TypeElement type) {
    return !seen.contains(type.getQualifiedName().toString())
        || (trees != null && trees.getPath(type) == null);
  }

  /** {@link #inAuxiliaryClass}, or for a class file what the index says of it. */
  private boolean auxiliary(MigrationModel migration, OutputIndex previous) {
    TypeElement type = migration.element();
    return fromClassFile(type)
        ? previous
            .entry(type.getQualifiedName().toString())
            .map(OutputIndex.Entry::auxiliary)
            .orElse(false)
        : inAuxiliaryClass(type);
  }

  private static boolean isAnnotated(TypeElement type) {
    return ANNOTATIONS.stream().anyMatch(a -> type.getAnnotation(a) != null);
  }

  /**
   * Whether the output directory holds the class file of a top-level or nested type named {@code
   * qualifiedName}: a type the index lists, that javac cannot see, and that was not deleted.
   */
  private boolean hasClassFile(String qualifiedName) {
    String path = qualifiedName.replace('.', '/');
    // A nested type's class file joins its names with '$': try each split from the innermost.
    for (int dot = path.lastIndexOf('/'); dot >= 0; dot = path.lastIndexOf('/', dot - 1)) {
      try {
        FileObject file =
            processingEnv
                .getFiler()
                .getResource(StandardLocation.CLASS_OUTPUT, "", path + ".class");
        try (InputStream in = file.openInputStream()) {
          return true;
        }
      } catch (IOException | RuntimeException absent) {
        path = path.substring(0, dot) + '$' + path.substring(dot + 1);
      }
    }
    return false;
  }

  /** One output; a failure is an {@code [InternalError]} and does not keep the others back. */
  private void write(Element element, Writing writing) {
    ValidationReport.Builder report = ValidationReport.builder();
    InternalErrors.guard(
        element,
        report,
        () -> {
          try {
            writing.write();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    report.build().printMessagesTo(processingEnv.getMessager());
  }

  @FunctionalInterface
  private interface Writing {
    void write() throws IOException;
  }

  @SafeVarargs
  private static List<TypeElement> annotatedWith(
      List<TypeElement> types, Class<? extends Annotation>... annotations) {
    return types.stream()
        .filter(t -> Arrays.stream(annotations).anyMatch(a -> t.getAnnotation(a) != null))
        .toList();
  }

  private static Element first(List<TypeElement> types) {
    return types.isEmpty() ? null : types.get(0);
  }

  private String packageOf(TypeElement type) {
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
    return pkg.getQualifiedName().toString();
  }

  /**
   * Whether the type is, or is nested in, a top-level class declared in a file named after another
   * class (several package-private migrations in one file); unknown without javac's Trees.
   */
  private boolean inAuxiliaryClass(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    TreePath path = trees == null ? null : trees.getPath(top);
    return path != null
        && !path.getCompilationUnit()
            .getSourceFile()
            .isNameCompatible(top.getSimpleName().toString(), JavaFileObject.Kind.SOURCE);
  }

  /** Whether the type mentions a class that another processor has not generated yet. */
  private boolean refersToMissingTypes(String name) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
    if (type == null) {
      return true;
    }
    if (isError(type.getSuperclass())
        || type.getInterfaces().stream().anyMatch(StrataProcessor::isError)) {
      return true;
    }
    return type.getEnclosedElements().stream().anyMatch(e -> isError(e.asType()));
  }

  private static boolean isError(TypeMirror mirror) {
    return mirror.getKind() == TypeKind.ERROR;
  }
}
