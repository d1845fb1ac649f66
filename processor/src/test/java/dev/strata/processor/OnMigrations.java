package dev.strata.processor;

import dev.strata.annotation.Migration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * A stand-in processor for tests that drive one piece of the migration side directly: it hands each
 * round's {@code @Migration} classes, sorted by name, to {@code action}.
 */
final class OnMigrations extends AbstractProcessor {
  private final BiConsumer<ProcessingEnvironment, List<TypeElement>> action;

  OnMigrations(BiConsumer<ProcessingEnvironment, List<TypeElement>> action) {
    this.action = action;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Migration.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> types =
        ElementFilter.typesIn(round.getElementsAnnotatedWith(Migration.class)).stream()
            .sorted(Comparator.comparing(t -> t.getQualifiedName().toString()))
            .toList();
    if (!types.isEmpty()) {
      action.accept(processingEnv, types);
    }
    return false;
  }
}
