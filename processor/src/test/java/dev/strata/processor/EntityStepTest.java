package dev.strata.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.annotation.Entity;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.Problem;
import dev.strata.processor.base.ValidationReport;
import dev.strata.sql.Dialect;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

class EntityStepTest {

  /** A bug while parsing one element becomes one [InternalError] on it, never a javac crash. */
  @Test
  void unexpectedFailureBecomesAnInternalErrorOnTheElement() {
    TypeElement broken =
        (TypeElement)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {TypeElement.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getAnnotation" -> args[0] == Entity.class ? entity() : null;
                      case "toString" -> "Broken";
                      default -> throw new IllegalStateException("boom in " + method.getName());
                    });

    ValidationReport report =
        new EntityStep(null, null, List.of(Dialect.SQLITE)).validate(List.of(broken)).report();

    assertFalse(report.isClean());
    assertEquals(1, report.problems().size());
    Problem problem = report.problems().get(0);
    assertEquals(Diagnostic.INTERNAL_ERROR, problem.diagnostic());
    assertSame(broken, problem.element());
    assertTrue(
        problem
            .message()
            .startsWith(
                "[InternalError] Strata's processor failed on this element:"
                    + " java.lang.IllegalStateException: boom in getAnnotationMirrors"),
        problem.message());
  }

  private static Entity entity() {
    return (Entity)
        Proxy.newProxyInstance(
            Entity.class.getClassLoader(),
            new Class<?>[] {Entity.class},
            (proxy, method, args) -> method.getName().equals("table") ? "" : Entity.class);
  }
}
