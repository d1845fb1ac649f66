package dev.strata.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Loads the classes of an in-memory compilation, so that generated code can be run. */
final class GeneratedClasses extends ClassLoader {
  private final Compilation compilation;

  GeneratedClasses(Compilation compilation) {
    super(GeneratedClasses.class.getClassLoader());
    this.compilation = compilation;
  }

  <T> T newInstance(String className, Class<T> type) {
    try {
      return type.cast(loadClass(className).getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot instantiate " + className, e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class")
            .orElseThrow(() -> new ClassNotFoundException(name));
    try (InputStream in = file.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
