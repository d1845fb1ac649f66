package dev.strata.processor.base;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The immutable outcome of validating a model: every problem found, in a stable order. Printing it
 * is the only side effect, and it happens in one place.
 */
public final class ValidationReport {
  private final List<Problem> problems;

  private ValidationReport(List<Problem> problems) {
    this.problems = List.copyOf(problems);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Problem> problems() {
    return problems;
  }

  /** True when nothing at error level was found; warnings do not stop generation. */
  public boolean isClean() {
    return problems.stream().noneMatch(p -> p.diagnostic().kind() == Kind.ERROR);
  }

  public ValidationReport plus(ValidationReport other) {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(other.problems);
    return new ValidationReport(all);
  }

  public void printMessagesTo(Messager messager) {
    for (Problem p : problems) {
      Kind kind = p.diagnostic().kind();
      if (p.at() != null) {
        p.at().print(kind, p.message());
      } else if (p.value() != null) {
        messager.printMessage(kind, p.message(), p.element(), p.annotation(), p.value());
      } else if (p.annotation() != null) {
        messager.printMessage(kind, p.message(), p.element(), p.annotation());
      } else {
        messager.printMessage(kind, p.message(), p.element());
      }
    }
  }

  /** Collects problems; the processor's only mutable diagnostics state. */
  public static final class Builder {
    private final List<Problem> problems = new ArrayList<>();

    public Builder report(Diagnostic diagnostic, Element element, Object... args) {
      return report(diagnostic, element, null, null, args);
    }

    public Builder report(
        Diagnostic diagnostic, Element element, AnnotationMirror annotation, Object... args) {
      return report(diagnostic, element, annotation, null, args);
    }

    public Builder report(
        Diagnostic diagnostic,
        Element element,
        AnnotationMirror annotation,
        AnnotationValue value,
        Object... args) {
      problems.add(
          new Problem(diagnostic, element, annotation, value, Arrays.asList(args.clone())));
      return this;
    }

    public Builder add(Problem problem) {
      problems.add(problem);
      return this;
    }

    public boolean hasErrors() {
      return problems.stream().anyMatch(p -> p.diagnostic().kind() == Kind.ERROR);
    }

    public ValidationReport build() {
      return new ValidationReport(problems);
    }
  }
}
