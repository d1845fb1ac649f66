package dev.strata.processor.verify;

import dev.strata.MigrationType;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.SqlText;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import dev.strata.sql.SqliteMessages;
import dev.strata.sql.StepTransaction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * Replays the SQL-form migrations, in version order, on an in-memory SQLite, so that each statement
 * is prepared against the schema its predecessors built. Each {@code down} is tried right after its
 * {@code up}, inside a savepoint that is rolled back.
 *
 * <p>What it reports, the first one per attribute: statements SQLite cannot prepare (syntax,
 * unknown table or column, a table that already exists, ...), and, in a {@code transactional}
 * migration, statements that cannot work inside the transaction the runtime runs the step and its
 * history row in. BEGIN, COMMIT, END and ROLLBACK would end it early and break the step's
 * atomicity; VACUUM fails inside it; {@code PRAGMA foreign_keys} is ignored inside it and {@code
 * PRAGMA journal_mode} cannot switch to or from WAL. SAVEPOINT, RELEASE and ROLLBACK TO nest inside
 * it and are allowed.
 *
 * <p>What it does not report: failures while running a prepared statement (a constraint violated by
 * seed data, say), which depend on data and are left to the runtime. Java migrations cannot run
 * here, so after the first one (or after any migration that was left out for another error, or did
 * not fully run) the schema is unknown: errors about missing or existing tables, columns, indexes,
 * views and triggers are no longer reported, syntax errors still are.
 *
 * <p>The check must never harm the build: statements that would leave the in-memory database or its
 * transaction (ATTACH, DETACH, SAVEPOINT, RELEASE, and in a non-transactional migration VACUUM,
 * BEGIN, COMMIT, END and ROLLBACK) are prepared but not run, ATTACH is disabled outright ({@link
 * ScratchDatabase}) so no file is ever created, and a statement that runs longer than {@link
 * #BUDGET} (a large generated data set, say) is interrupted and counted as not fully run.
 */
public final class MigrationReplay implements AutoCloseable {
  static final Duration BUDGET = Duration.ofSeconds(2);

  private static final List<String> SCHEMA_DEPENDENT =
      List.of(
          "no such table",
          "no such column",
          "no such index",
          "no such view",
          "no such trigger",
          "already exists",
          "duplicate column name",
          "has no column named");

  /**
   * Not {@link StepTransaction}'s rule, which guards the runtime's transaction: this one guards the
   * replay's own database and savepoint, so it also skips SAVEPOINT, RELEASE, ROLLBACK TO, ATTACH
   * and DETACH (which a step may run), yet runs PRAGMA foreign_keys (which a step may not), whose
   * effect it needs to keep the schema known.
   */
  private static final Set<String> PREPARE_ONLY =
      Set.of(
          "ATTACH",
          "DETACH",
          "VACUUM",
          "BEGIN",
          "COMMIT",
          "END",
          "ROLLBACK",
          "SAVEPOINT",
          "RELEASE");

  private static final int SHOWN_STATEMENT_LENGTH = 160;

  private final SQLiteConnection db;
  private volatile long deadline = Long.MAX_VALUE;

  private MigrationReplay() throws SQLException {
    db = ScratchDatabase.open();
    try {
      ProgressHandler.setHandler(
          db,
          10_000,
          new ProgressHandler() {
            @Override
            protected int progress() {
              return System.nanoTime() > deadline ? 1 : 0;
            }
          });
    } catch (SQLException e) {
      db.close();
      throw e;
    }
  }

  /**
   * @param migrations every valid migration, in registry order
   * @param firstLeftOut the version from which migrations are missing (left out for other errors),
   *     so that the schema is unknown
   */
  public static void check(
      List<MigrationModel> migrations, long firstLeftOut, ValidationReport.Builder report) {
    try (MigrationReplay replay = new MigrationReplay()) {
      replay.replay(migrations, firstLeftOut, report);
    } catch (SQLException e) {
      throw new IllegalStateException("in-memory SQLite failed: " + e.getMessage(), e);
    }
  }

  private void replay(
      List<MigrationModel> migrations, long firstLeftOut, ValidationReport.Builder report)
      throws SQLException {
    boolean schemaKnown = true;
    for (MigrationModel migration : migrations) {
      schemaKnown &= migration.version() < firstLeftOut;
      if (migration.type() == MigrationType.JAVA) {
        schemaKnown = false;
        continue;
      }
      Outcome up = run(migration.up(), schemaKnown, migration.transactional());
      up.rejection().ifPresent(r -> reject(report, migration, "up", r));
      schemaKnown &= up.ranFully();
      if (up.rejection().isEmpty() && !migration.down().isEmpty()) {
        checkDown(migration, schemaKnown, report);
      }
    }
  }

  private void checkDown(
      MigrationModel migration, boolean schemaKnown, ValidationReport.Builder report)
      throws SQLException {
    try (Statement savepoint = db.createStatement()) {
      savepoint.execute("SAVEPOINT strata_check_down");
      try {
        run(migration.down(), schemaKnown, migration.transactional())
            .rejection()
            .ifPresent(r -> reject(report, migration, "down", r));
      } finally {
        savepoint.execute("ROLLBACK TO strata_check_down");
        savepoint.execute("RELEASE strata_check_down");
      }
    }
  }

  /** The first statement SQLite refuses to prepare, and whether every statement ran. */
  private record Outcome(Optional<Rejection> rejection, boolean ranFully) {}

  private record Rejection(int index, String statement, String message) {}

  /** Prepares and runs statements until the first one that cannot be prepared or is refused. */
  private Outcome run(List<String> statements, boolean schemaKnown, boolean transactional) {
    boolean ranFully = true;
    for (int i = 0; i < statements.size(); i++) {
      String sql = statements.get(i);
      String conflict = transactional ? transactionConflict(sql) : null;
      if (conflict != null) {
        return new Outcome(Optional.of(new Rejection(i + 1, sql, conflict)), false);
      }
      PreparedStatement prepared;
      try {
        prepared = db.prepareStatement(sql);
      } catch (SQLException e) {
        String message = SqliteMessages.of(e);
        if (schemaKnown || !isSchemaDependent(message)) {
          return new Outcome(Optional.of(new Rejection(i + 1, sql, message)), false);
        }
        ranFully = false;
        continue;
      }
      try (prepared) {
        if (PREPARE_ONLY.contains(SqlText.firstWord(sql))) {
          ranFully = false; // its effect (an attached schema, say) is not replayed
        } else {
          deadline = System.nanoTime() + BUDGET.toNanos();
          prepared.execute();
        }
      } catch (SQLException dataDependentOrInterrupted) {
        ranFully = false;
      } finally {
        deadline = Long.MAX_VALUE;
      }
    }
    return new Outcome(Optional.empty(), ranFully);
  }

  /** Why {@code sql} cannot run inside a transactional migration's transaction, or null. */
  private static String transactionConflict(String sql) {
    return StepTransaction.conflict(sql)
        .map(
            why ->
                why
                    + "; declare it in a migration with transactional = false, which runs"
                    + " outside one")
        .orElse(null);
  }

  private static void reject(
      ValidationReport.Builder report,
      MigrationModel migration,
      String attribute,
      Rejection rejection) {
    String shown = withoutComments(rejection.statement());
    if (shown.length() > SHOWN_STATEMENT_LENGTH) {
      shown = shown.substring(0, SHOWN_STATEMENT_LENGTH) + "...";
    }
    MigrationAnnotation annotation = migration.annotation();
    report.report(
        Diagnostic.INVALID_SQL,
        annotation.element(),
        annotation.mirror(),
        annotation.value(attribute),
        "\""
            + shown
            + "\" (statement "
            + rejection.index()
            + " of '"
            + attribute
            + "', tried "
            + (attribute.equals("up") ? "after every earlier SQL migration" : "after 'up'")
            + ")",
        rejection.message());
  }

  /**
   * The statement on one line, as written but without comments: collapsing whitespace alone would
   * let a {@code --} comment run on over the rest of the statement.
   */
  private static String withoutComments(String sql) {
    StringBuilder shown = new StringBuilder();
    int previousEnd = -1;
    for (Token token : SqlTokens.tokenize(sql)) {
      if (previousEnd >= 0 && token.start() > previousEnd) {
        shown.append(' ');
      }
      shown.append(sql, token.start(), token.end());
      previousEnd = token.end();
    }
    return shown.toString();
  }

  private static boolean isSchemaDependent(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return SCHEMA_DEPENDENT.stream().anyMatch(lower::contains);
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
