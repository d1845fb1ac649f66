package dev.strata.internal.engine;

import dev.strata.FreshStrategy;
import dev.strata.StrataException;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.schema.DdlScript;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * {@link FreshStrategy#CREATE_FROM_ENTITIES}: on a database with neither history nor user objects,
 * creates the schema from the entities and records every migration as {@link
 * dev.strata.MigrationState#CREATED_FROM_ENTITIES} (none of them ran), in one transaction.
 */
final class CreateFromEntities {
  private static final System.Logger LOG = System.getLogger("dev.strata");

  private final Settings settings;
  private final Connection connection;

  CreateFromEntities(Settings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /**
   * Returns false if the database was not empty, including when a concurrent caller got there
   * first; the history table exists.
   */
  boolean run() throws SQLException {
    if (!isEmpty()) {
      return false;
    }
    Dialect dialect = Dialect.of(connection);
    if (!settings.schema().dialects().contains(dialect)) {
      throw new StrataException(
          "FreshStrategy.CREATE_FROM_ENTITIES runs the entities' DDL, which "
              + settings.schema().getClass().getName()
              + " has for "
              + settings.schema().dialects().stream().map(Dialect::displayName).sorted().toList()
              + " only, so it cannot create this empty "
              + dialect.displayName()
              + " database; nothing was created. Compile with -Astrata.dialects=sqlite,"
              + dialect.name().toLowerCase(Locale.ROOT)
              + ", or use FreshStrategy.MIGRATE there.");
    }
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            settings.lockTimeout(),
            "the write lock to create the schema from entities")) {
      if (!isEmpty()) {
        return false;
      }
      try {
        DdlScript.run(connection, settings.schema().statements(dialect));
      } catch (DdlScript.StatementFailed e) {
        throw new StrataException(
            "Creating the schema from the entities failed at statement: "
                + e.statement()
                + "\nCause: "
                + e.getCause(),
            e.getCause());
      }
      for (var migration : settings.migrations()) {
        lock.insert(migration, settings.installedBy(), 0, true, HistoryRow.CREATED_FROM_ENTITIES);
      }
      lock.commit();
    }
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            "Created the schema from the entities; recorded "
                + settings.migrations().size()
                + " migrations as created from entities");
    return true;
  }

  /** No history rows and no tables, views, indexes or triggers other than the history's. */
  private boolean isEmpty() throws SQLException {
    if (Dialect.of(connection) != Dialect.SQLITE) {
      return new HistoryTable(connection).rows().isEmpty() && Baseline.userObjects(connection) == 0;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM "
                    + HistoryTable.NAME
                    + ") + (SELECT count(*) FROM sqlite_master"
                    + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '"
                    + HistoryTable.NAME
                    + "')")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }
}
