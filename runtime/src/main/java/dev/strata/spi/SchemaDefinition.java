package dev.strata.spi;

import dev.strata.schema.DdlScript;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema the entities describe, implemented by the generated {@code StrataSchema} and found
 * through {@link java.util.ServiceLoader} when none is configured.
 */
public interface SchemaDefinition {
  /**
   * CREATE statements in dependency order: tables (foreign-key order), indexes, views, triggers.
   */
  List<String> statements();

  /** Creates the whole schema in one transaction: all of it, or none of it. */
  default void create(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      DdlScript.run(connection, statements());
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
