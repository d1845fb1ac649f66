package dev.strata.processor.base;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's {@link Trees}, the one way the processor reaches source positions and source text. Build
 * tools that wrap the processing environment (Gradle's incremental processing does) are looked
 * through, via the field that holds the wrapped environment. Empty under a compiler without the
 * Trees API, such as ECJ.
 */
public final class JavacTrees {
  private static final int MAX_WRAPPERS = 4;

  private JavacTrees() {}

  public static Optional<Trees> of(ProcessingEnvironment env) {
    for (int depth = 0; env != null && depth < MAX_WRAPPERS; depth++) {
      try {
        return Optional.of(Trees.instance(env));
      } catch (IllegalArgumentException | LinkageError notJavac) {
        env = delegateOf(env);
      }
    }
    return Optional.empty();
  }

  private static ProcessingEnvironment delegateOf(ProcessingEnvironment wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          try {
            field.setAccessible(true);
            return (ProcessingEnvironment) field.get(wrapper);
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
