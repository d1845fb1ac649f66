package dev.strata.spi;

import dev.strata.schema.DdlScript;
import dev.strata.schema.SchemaException;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schema the entities describe, implemented by the generated {@code StrataSchema} and found
 * through {@link java.util.ServiceLoader} when none is configured.
 */
public interface SchemaDefinition {
  /**
   * CREATE statements in dependency order: tables (foreign-key order), indexes, views, triggers.
   */
  List<String> statements();

  /**
   * The dialects this schema has DDL for: SQLite alone, unless the processor was given {@code
   * -Astrata.dialects}.
   */
  default Set<Dialect> dialects() {
    return Set.of(Dialect.SQLITE);
  }

  /**
   * The CREATE statements for {@code dialect}, in the same order as {@link #statements()}, which
   * are SQLite's.
   *
   * @throws SchemaException when this schema has no DDL for {@code dialect}, saying how to add it
   */
  default List<String> statements(Dialect dialect) {
    if (dialect == Dialect.SQLITE) {
      return statements();
    }
    throw new SchemaException(
        "The schema "
            + getClass().getName()
            + " has no DDL for "
            + dialect.displayName()
            + ": it was generated for "
            + dialects().stream().map(Dialect::displayName).sorted().toList()
            + ". Compile with -Astrata.dialects=sqlite,"
            + dialect.name().toLowerCase(Locale.ROOT)
            + " to generate it.",
        null);
  }

  /** Creates the whole schema in one transaction: all of it, or none of it. */
  default void create(Connection connection) throws SQLException {
    Dialect dialect = Dialect.of(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      DdlScript.run(connection, statements(dialect));
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The schema these statements create, for drift checks. It is read back from an in-memory SQLite
   * by {@link SchemaInspector}, the same reader that inspects the live database, so both sides of a
   * comparison are modelled by one piece of code and only real differences show.
   */
  default SchemaModel model() {
    return SchemaInspector.inspect(statements());
  }
}
