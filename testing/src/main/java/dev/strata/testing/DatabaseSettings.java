package dev.strata.testing;

import dev.strata.FreshStrategy;
import dev.strata.Strata;
import dev.strata.StrataBuilder;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One {@link StrataDatabase} configuration, resolved for a test; equal settings share a template.
 */
record DatabaseSettings(
    Class<? extends MigrationRegistry> registry,
    Class<? extends SchemaDefinition> schema,
    long migrateTo,
    int populate,
    FreshStrategy fresh,
    boolean template,
    Dialect dialect) {

  private static final DatabaseSettings DEFAULTS =
      new DatabaseSettings(
          MigrationRegistry.class,
          SchemaDefinition.class,
          StrataDatabase.HEAD,
          0,
          FreshStrategy.RUN_MIGRATIONS,
          true,
          Dialect.SQLITE);

  DatabaseSettings {
    if (migrateTo < 0 && migrateTo != StrataDatabase.HEAD) {
      throw new ExtensionConfigurationException(
          "@StrataDatabase(migrateTo = "
              + migrateTo
              + "): give a version, or leave it out for head");
    }
    if (populate < 0) {
      throw new ExtensionConfigurationException(
          "@StrataDatabase(populate = " + populate + "): rows per table cannot be negative");
    }
  }

  static DatabaseSettings of(StrataDatabase a) {
    return new DatabaseSettings(
        a.registry(),
        a.schema(),
        a.migrateTo(),
        a.populate(),
        a.fresh(),
        a.template(),
        a.dialect());
  }

  /** The method's annotation, else the class's, else an enclosing (nested) class's, else none. */
  static DatabaseSettings of(ExtensionContext context) {
    var onMethod =
        context
            .getTestMethod()
            .flatMap(m -> AnnotationSupport.findAnnotation(m, StrataDatabase.class));
    if (onMethod.isPresent()) {
      return of(onMethod.get());
    }
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = enclosing(c)) {
      var onClass = AnnotationSupport.findAnnotation(c, StrataDatabase.class);
      if (onClass.isPresent()) {
        return of(onClass.get());
      }
    }
    return DEFAULTS;
  }

  /** The instance's enclosing class, as for {@code @Nested} classes, or null. */
  private static Class<?> enclosing(Class<?> c) {
    return c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
  }

  /** A configured {@link Strata} for {@code url}; it opens its own connections, as in prod. */
  Strata strata(String url) {
    StrataBuilder builder = Strata.configure().url(url).freshStrategy(fresh);
    if (registry != MigrationRegistry.class) {
      builder.registry(instantiate(registry));
    }
    if (schema != SchemaDefinition.class) {
      builder.schema(instantiate(schema));
    }
    if (migrateTo != StrataDatabase.HEAD) {
      builder.target(migrateTo);
    }
    return builder.load();
  }

  /** Migrates the database at {@code url} through the engine, then populates it when asked. */
  void prepare(String url) {
    strata(url).migrate();
    if (populate > 0) {
      TrackedDataSource dataSource = TrackedDataSource.of(dialect, url);
      try (Connection connection = dataSource.getConnection()) {
        populate(connection);
      } catch (SQLException e) {
        throw new ExtensionConfigurationException("Could not open " + url + ": " + e, e);
      } finally {
        dataSource.closeAll();
      }
    }
  }

  /**
   * Calls the generated {@code StrataFixtures.populate(Connection, int)} in the registry's package
   * (test tooling may use reflection; the runtime does not).
   */
  private void populate(Connection connection) {
    Class<?> registryType = registryType();
    String name = registryType.getPackageName() + ".StrataFixtures";
    Method populateMethod;
    try {
      Class<?> fixtures = Class.forName(name, true, registryType.getClassLoader());
      populateMethod = fixtures.getMethod("populate", Connection.class, int.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new ExtensionConfigurationException(
          "@StrataDatabase(populate = "
              + populate
              + ") needs the generated "
              + name
              + ".populate(Connection, int), next to the registry "
              + registryType.getName()
              + ", but it is not on the class path: declare @Entity classes, and do not"
              + " compile with -Astrata.fixtures=false",
          e);
    }
    try {
      populateMethod.invoke(null, connection, populate);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(name + ".populate(connection, " + populate + ")", cause);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException("Cannot call " + name + ".populate", e);
    }
  }

  /** The registry's class: the configured one, or the one ServiceLoader finds. */
  private Class<?> registryType() {
    if (registry != MigrationRegistry.class) {
      return registry;
    }
    List<Class<? extends MigrationRegistry>> found =
        ServiceLoader.load(MigrationRegistry.class).stream()
            .<Class<? extends MigrationRegistry>>map(ServiceLoader.Provider::type)
            .toList();
    if (found.size() != 1) {
      throw new ExtensionConfigurationException(
          "@StrataDatabase(populate = ..) looks for StrataFixtures next to the registry, but "
              + found.size()
              + " MigrationRegistry implementations are on the class path "
              + found
              + ": name one with @StrataDatabase(registry = ..)");
    }
    return found.get(0);
  }

  private static <T> T instantiate(Class<T> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "@StrataDatabase names " + type.getName() + ", which needs a no-arg constructor: " + e,
          e);
    }
  }
}
