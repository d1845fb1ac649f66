package dev.strata.processor.base;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Positions inside a repeated annotation, found in the source tree. javac gives the container it
 * synthesizes from repeated annotations no position, so the Messager would point at the class; the
 * i-th entry of that container is the i-th annotation of its type written on the class.
 */
final class AnnotationTrees {
  private AnnotationTrees() {}

  /** Where {@code origin} is in the source; empty when the Messager finds it on its own. */
  static Optional<Problem.Position> position(Trees trees, Origin origin) {
    TreePath path = trees.getPath(origin.element());
    if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    List<? extends AnnotationTree> written =
        type.getModifiers().getAnnotations().stream()
            .filter(a -> isOfType(trees, unit, a, origin.declaration()))
            .toList();
    List<? extends AnnotationValue> entries = Mirrors.list(origin.annotation(), "value");
    if (written.size() != entries.size()) {
      return Optional.empty(); // a container written out, which javac positions itself
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).getValue() == origin.declaration()) {
        Tree tree = narrow(written.get(i), origin.declaration(), origin.value());
        return Optional.of((kind, message) -> trees.printMessage(kind, message, tree, unit));
      }
    }
    return Optional.empty();
  }

  private static boolean isOfType(
      Trees trees, CompilationUnitTree unit, AnnotationTree tree, AnnotationMirror mirror) {
    Element type = trees.getElement(TreePath.getPath(unit, tree.getAnnotationType()));
    return type instanceof TypeElement t && t.equals(mirror.getAnnotationType().asElement());
  }

  /** The attribute's value, or one entry of it, that holds {@code value}; else the annotation. */
  private static Tree narrow(
      AnnotationTree annotation, AnnotationMirror mirror, AnnotationValue value) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> attribute :
        mirror.getElementValues().entrySet()) {
      String name = attribute.getKey().getSimpleName().toString();
      ExpressionTree written = argument(annotation, name);
      if (written == null) {
        continue;
      }
      if (attribute.getValue() == value) {
        return written;
      }
      if (attribute.getValue().getValue() instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) == value) {
            return written instanceof NewArrayTree array && i < array.getInitializers().size()
                ? array.getInitializers().get(i)
                : written;
          }
        }
      }
    }
    return annotation;
  }

  /** The expression written for the attribute, as {@code name = ...} or as the lone value. */
  private static ExpressionTree argument(AnnotationTree annotation, String name) {
    for (ExpressionTree argument : annotation.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && assignment.getVariable() instanceof IdentifierTree id
          && id.getName().contentEquals(name)) {
        return assignment.getExpression();
      }
      if (!(argument instanceof AssignmentTree) && name.equals("value")) {
        return argument;
      }
    }
    return null;
  }
}
