package dev.strata.processor.base;

import com.sun.source.util.Trees;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a piece of the model came from, as narrowly as known: the element, the annotation on it,
 * and the attribute value. Problems are reported here so that the IDE underlines the attribute.
 *
 * <p>javac positions only annotations present directly on the element. A repeated annotation sits
 * inside its container, so {@code annotation} is then the container and {@code declaration} the
 * repeated one whose attributes are read. javac finds a value anywhere inside a container written
 * out as {@code @Index.List({...})}; a container it synthesized from repeated annotations has no
 * position, so {@link AnnotationTrees} finds the annotation in the source when {@code trees} is
 * given. Without it (a compiler other than javac), the message lands on the element.
 *
 * @param annotation the annotation present on the element, or {@code null}
 * @param value the narrowest value known inside {@code annotation}, or {@code null}
 * @param declaration the annotation this origin stands for, or {@code null}
 * @param trees javac's trees, set only for an entry of a container, or {@code null}
 */
public record Origin(
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value,
    AnnotationMirror declaration,
    Trees trees) {

  public static Origin of(Element element) {
    return new Origin(element, null, null, null, null);
  }

  public static Origin of(Element element, AnnotationMirror annotation) {
    return new Origin(element, annotation, null, annotation, null);
  }

  /** Each occurrence of a repeatable annotation, whether written once or several times. */
  public static List<Origin> allOf(
      Element element,
      Class<? extends Annotation> type,
      Class<? extends Annotation> container,
      Trees trees) {
    List<Origin> all = new ArrayList<>();
    Mirrors.find(element, type).ifPresent(m -> all.add(of(element, m)));
    Mirrors.find(element, container)
        .ifPresent(
            c -> {
              try {
                for (AnnotationValue entry : Mirrors.list(c, "value")) {
                  if (entry.getValue() instanceof AnnotationMirror repeated) {
                    all.add(new Origin(element, c, entry, repeated, trees));
                  }
                }
              } catch (Mirrors.Unreadable e) {
                // javac has reported the value it could not evaluate
              }
            });
    return all;
  }

  /** The attribute when it is written out, else this origin. */
  public Origin attribute(String name) {
    AnnotationValue written = declaration == null ? null : Mirrors.explicit(declaration, name);
    return written == null ? this : entry(written);
  }

  /** A value inside the annotation, such as one entry of an array-valued attribute. */
  public Origin entry(AnnotationValue entry) {
    return annotation == null ? this : new Origin(element, annotation, entry, declaration, trees);
  }

  public void report(ValidationReport.Builder report, Diagnostic diagnostic, Object... args) {
    Problem.Position at = trees == null ? null : AnnotationTrees.position(trees, this).orElse(null);
    report.add(
        new Problem(diagnostic, element, annotation, value, Arrays.asList(args.clone()), at));
  }
}
