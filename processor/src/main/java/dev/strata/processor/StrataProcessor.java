package dev.strata.processor;

import com.google.auto.service.AutoService;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Migration;
import dev.strata.annotation.View;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

/**
 * Aggregates every Strata annotation of a compilation and generates the registry, schema and
 * resources once. Elements are kept by qualified name across rounds; types that still refer to
 * not-yet-generated classes are deferred to a later round. An element that arrives after
 * generation cannot be added any more, and is reported as {@code [LateElement]}.
 */
@AutoService(Processor.class)
public final class StrataProcessor extends AbstractProcessor {
  /** Overrides the package of the generated types. */
  public static final String PACKAGE_OPTION = "strata.package";

  /**
   * {@code true} makes Strata wait for a round that brings no new Strata element, so that classes
   * other processors generate join the registry, at the cost of javac's warning about sources
   * created in the last round when that quiet round is the last.
   */
  public static final String WAIT_OPTION = "strata.waitForGenerated";

  /** Used when the annotated types share no package at all. */
  static final String FALLBACK_PACKAGE = "strata.generated";

  private final Set<String> seen = new TreeSet<>();
  private List<ProcessingStep> steps = List.of();
  private boolean generated;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    steps = List.of(new MigrationStep(env), new SchemaStep(env));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Migration.class.getCanonicalName(),
        Entity.class.getCanonicalName(), View.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PACKAGE_OPTION, WAIT_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Collects every round, and generates in the first round in which no collected type waits for a
   * missing one (or when processing is over). It does not wait for a round that brings no new
   * Strata element: without other generating processors that round is javac's last, and javac
   * (17 included) warns about every source created in the last round, so every build would warn.
   * An element that another processor generates after that cannot join the registry any more; it
   * is reported as {@code [LateElement]} rather than silently left out. {@link #WAIT_OPTION} opts
   * into waiting for that quiet round.
   *
   * <p>Returns false, leaving the annotations unclaimed (so {@code -Xlint:processing} lists them):
   * a claimed annotation is not shown to a later {@code "*"} processor, which javac then skips
   * in that round, so a processor that generates migrations would run too late for the registry.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> arrived = new LinkedHashSet<>();
    for (ProcessingStep step : steps) {
      for (Class<? extends Annotation> annotation : step.annotations()) {
        arrived.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation)));
      }
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
    boolean waiting = (anyNew && Boolean.parseBoolean(processingEnv.getOptions().get(WAIT_OPTION)))
        || seen.stream().anyMatch(this::refersToMissingTypes);
    if (seen.isEmpty() || (waiting && !round.processingOver())) {
      return false;
    }
    generated = true;
    runSteps();
    return false;
  }

  private void runSteps() {
    ValidationReport report = optionProblems();
    List<TypeElement> all = new ArrayList<>();
    for (String name : seen) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        all.add(type);
      }
    }
    for (ProcessingStep step : steps) {
      List<TypeElement> mine = all.stream().filter(t -> annotatedForStep(t, step)).toList();
      try {
        report = report.plus(step.validate(mine));
      } catch (RuntimeException | LinkageError e) {
        report = report.plus(internalError(mine.isEmpty() ? null : mine.get(0), e));
      }
    }
    report.printMessagesTo(processingEnv.getMessager());
    if (!report.isClean()) {
      return;
    }
    String targetPackage = targetPackage(all);
    for (ProcessingStep step : steps) {
      try {
        step.generate(targetPackage);
      } catch (IOException | RuntimeException | LinkageError e) {
        internalError(all.isEmpty() ? null : all.get(0), e)
            .printMessagesTo(processingEnv.getMessager());
      }
    }
  }

  /** A bad package option is reported plainly, with no element, since no source holds it. */
  private ValidationReport optionProblems() {
    ValidationReport.Builder report = ValidationReport.builder();
    String option = processingEnv.getOptions().get(PACKAGE_OPTION);
    if (option != null && !option.isBlank() && !SourceVersion.isName(option.trim())) {
      report.report(Diagnostic.INVALID_OPTION, null, PACKAGE_OPTION, option);
    }
    return report.build();
  }

  private static boolean annotatedForStep(TypeElement type, ProcessingStep step) {
    return step.annotations().stream().anyMatch(a -> type.getAnnotation(a) != null);
  }

  private ValidationReport internalError(Element element, Throwable e) {
    return InternalErrors.report(ValidationReport.builder(), element, e).build();
  }

  /** The option if given, else the longest package prefix shared by every annotated type. */
  private String targetPackage(List<TypeElement> types) {
    String option = processingEnv.getOptions().get(PACKAGE_OPTION);
    if (option != null && !option.isBlank()) {
      return option.trim();
    }
    String common = null;
    for (TypeElement type : types) {
      String name = packageOf(type);
      common = common == null ? name : commonPrefix(common, name);
    }
    return common == null || common.isEmpty() ? FALLBACK_PACKAGE : common;
  }

  private String packageOf(TypeElement type) {
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
    return pkg.getQualifiedName().toString();
  }

  static String commonPrefix(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < Math.min(left.length, right.length) && left[i].equals(right[i]); i++) {
      if (prefix.length() > 0) {
        prefix.append('.');
      }
      prefix.append(left[i]);
    }
    return prefix.toString();
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
