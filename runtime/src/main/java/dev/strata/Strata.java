package dev.strata;

import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Migrates, describes and validates one SQLite database. Create it with
 * {@code Strata.configure()...load()}. Every call opens its own connection and closes it, so one
 * instance may be shared by threads, and any number of threads and processes may migrate the same
 * file at once.
 */
public final class Strata {
  private final Settings settings;

  Strata(Settings settings) {
    this.settings = settings;
  }

  public static StrataBuilder configure() {
    return new StrataBuilder();
  }

  /**
   * Applies every pending migration in version order, each exactly once even under concurrency.
   *
   * @throws ValidationException before anything runs, when an applied migration was edited or
   *     removed, or when a pending one is older than the head and out-of-order is not enabled
   * @throws MigrationException when a step fails; the database stays at the last good version
   */
  public MigrateResult migrate() {
    return withConnection("migrate", true, connection -> new Migrator(settings, connection).run());
  }

  /**
   * The state of every migration in the registry and the history. Changes nothing, and creates no
   * database file where none is.
   */
  public InfoResult info() {
    return withConnection("read the history of", false, connection -> new InfoResult(ledger(connection).infos()));
  }

  /**
   * Every problem at once: edited, missing, unfinished and (unless allowed) out-of-order migrations,
   * and, when a {@link dev.strata.spi.SchemaDefinition} is configured and every registered migration
   * is applied, the drift between the live schema and the entities. Changes nothing, and creates no
   * database file where none is.
   *
   * <p>Drift is not compared while migrations are pending: the database is then legitimately behind
   * the entities, and every difference would be noise. The result counts them and says that drift
   * went unchecked ({@link ValidateResult#driftSkipped()}); pending migrations alone are no issue.
   */
  public ValidateResult validate() {
    return withConnection("validate", false, connection -> {
      Ledger ledger = ledger(connection);
      List<ValidationIssue> issues = new ArrayList<>(ledger.issues(settings.outOfOrder()));
      int pending = ledger.unapplied().size();
      if (settings.schema() != null && pending == 0) {
        issues.addAll(drift(connection));
      }
      return new ValidateResult(issues, pending, settings.schema() != null && pending > 0);
    });
  }

  private Ledger ledger(Connection connection) throws SQLException {
    return new Ledger(settings.migrations(), new HistoryTable(connection).rows());
  }

  /** The live schema compared to the entities', one {@link ValidationIssue.Kind#SCHEMA_DRIFT} per item. */
  private List<ValidationIssue> drift(Connection connection) throws SQLException {
    SchemaDiff diff = SchemaDiff.compare(settings.schema().model(), SchemaInspector.inspect(connection));
    return diff.items().stream()
        .map(item -> new ValidationIssue(ValidationIssue.Kind.SCHEMA_DRIFT, OptionalLong.empty(),
            item.object(), item.render()))
        .toList();
  }

  /** Work on a fresh connection, with SQL failures turned into a {@link StrataException}. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T withConnection(String action, boolean create, Work<T> work) {
    try (Connection connection = settings.connections().open(create)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StrataException("Cannot " + action + " " + settings.connections().describe() + ": " + e.getMessage(), e);
    }
  }
}
