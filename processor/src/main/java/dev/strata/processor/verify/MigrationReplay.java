package dev.strata.processor.verify;

import dev.strata.MigrationType;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ScratchDatabase;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.SqlText;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.RepeatableAnnotation;
import dev.strata.processor.migration.RepeatableModel;
import dev.strata.schema.SchemaInspector;
import dev.strata.sql.CascadingDrop;
import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import dev.strata.sql.SqliteMessages;
import dev.strata.sql.SqliteSettings;
import dev.strata.sql.StepTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * Replays the SQL-form migrations, in version order, on an in-memory SQLite opened with the
 * runtime's own {@link SqliteSettings}, so that each statement runs against the schema its
 * predecessors built, and fails where the engine would fail. Each {@code down} is tried right after
 * its {@code up}, inside a savepoint, and the state after {@code up} restored. A step declared with
 * {@code foreignKeys = false} runs with enforcement off, as in the engine. The repeatable
 * migrations follow, in the runtime's order, each in a transaction as the engine runs them, and
 * then each again, since the engine re-runs a changed one on a database where it ran before.
 *
 * <p>What it reports, the first one per attribute: statements SQLite cannot prepare (syntax,
 * unknown table or column, a table that already exists, ...) or that fail on the schema when they
 * run (a RENAME that a view or trigger no longer resolves after, say); a trigger whose body does
 * not resolve, found by preparing a statement that fires it ({@link TriggerProbe}); and, in a
 * {@code transactional} migration, statements that cannot work inside the transaction the runtime
 * runs the step and its history row in. BEGIN, COMMIT, END and ROLLBACK would end it early and
 * break the step's atomicity; VACUUM fails inside it; {@code PRAGMA foreign_keys} is ignored inside
 * it and {@code PRAGMA journal_mode} cannot switch to or from WAL. SAVEPOINT, RELEASE and ROLLBACK
 * TO nest inside it and are allowed. Besides: a {@code DROP TABLE} that, with foreign keys
 * enforced, would delete or change rows of other tables through their ON DELETE actions, unless the
 * migration is {@code destructive}; and, after the replay, every foreign key that SQLite accepted
 * but that cannot work ({@link ForeignKeys}), on the newest migration that changed its child or
 * parent table.
 *
 * <p>What it does not report: failures of a prepared statement that depend on data (a constraint
 * violated by seed data, say), which are left to the runtime. Java migrations cannot run here, so
 * after one (or after a migration that was left out for another error, or a statement that did not
 * fully run) the replayed schema is incomplete. From there a second database, {@code recent},
 * replays only what follows: a table in it was created by SQL after that point, so it is exactly as
 * the runtime will see it. A statement that prepares there, or that fails there for any reason but
 * a missing object, is checked in full; one that names a table {@code recent} does not have may
 * name one that the Java migration created, and only its syntax is checked. The first Java
 * migration followed by SQL says so once, as a {@code [SchemaUnknownAfterJava]} note.
 *
 * <p>The check must never harm the build: statements that would leave the in-memory database or its
 * transaction (ATTACH, DETACH, SAVEPOINT, RELEASE, and in a non-transactional migration VACUUM,
 * BEGIN, COMMIT, END and ROLLBACK) are prepared but not run, ATTACH is disabled outright ({@link
 * ScratchDatabase}) so no file is ever created, and a statement that runs longer than {@link
 * #BUDGET} (a large generated data set, say) is interrupted and counted as not fully run.
 */
public final class MigrationReplay implements AutoCloseable {
  static final Duration BUDGET = Duration.ofSeconds(2);

  /** SQLite's messages for a statement that does not fit the schema, rather than its data. */
  private static final List<String> SCHEMA_DEPENDENT =
      List.of(
          "no such table",
          "no such column",
          "no such index",
          "no such view",
          "no such trigger",
          "already exists",
          "there is already another",
          "duplicate column name",
          "has no column named",
          "error in view",
          "error in trigger");

  /** The messages that name an object which a Java migration may have created. */
  private static final List<String> MISSING_OBJECT =
      List.of("no such table", "no such index", "no such view", "no such trigger");

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

  private final ValidationReport.Builder report;

  /** Every SQL migration from the first; the whole schema while {@link #complete}. */
  private final Scratch full;

  private boolean complete = true;

  /**
   * Whether {@link #recent} may be trusted at all: not when a migration was left out at an unknown
   * place in the order.
   */
  private final boolean recentTrusted;

  /** Only what SQL created since {@link #full} became incomplete; null while it is complete. */
  private Scratch recent;

  /** Per table (folded name), the migration that last changed it or its indexes, for blame. */
  private final Map<String, MigrationModel> lastChanged = new HashMap<>();

  private final TableShapes shapes = new TableShapes();

  /** Whether the versioned migrations are done and their foreign keys checked. */
  private boolean repeatablePhase;

  /** Whether the current step runs with foreign keys enforced, as a new {@link #recent} must. */
  private boolean foreignKeys = true;

  /** Per table (folded name), the migration whose INSERT last filled it, for messages. */
  private final Map<String, MigrationModel> filledBy = new HashMap<>();

  private final List<MigrationModel> javaMigrations = new ArrayList<>();

  /**
   * Whether {@link #full} may differ from what the SQL migrations build for another reason than a
   * Java migration: a migration left out or rejected, or a statement that did not fully run.
   */
  private boolean uncertain;

  private MigrationReplay(ValidationReport.Builder report, boolean recentTrusted)
      throws SQLException {
    this.report = report;
    this.recentTrusted = recentTrusted;
    this.full = new Scratch();
  }

  /**
   * @param migrations every valid migration, in registry order
   * @param repeatables every valid repeatable migration, in the runtime's order
   * @param leftOut the versions of the migrations left out for other errors, from each of which the
   *     schema is unknown; {@code Long.MIN_VALUE} stands for one whose version is unknown
   * @return the schema the SQL migrations built, unless something but Java migrations kept the
   *     replay from knowing it
   */
  public static Optional<ReplayedSchema> check(
      List<MigrationModel> migrations,
      List<RepeatableModel> repeatables,
      Set<Long> leftOut,
      ValidationReport.Builder report) {
    try (MigrationReplay replay = new MigrationReplay(report, !leftOut.contains(Long.MIN_VALUE))) {
      replay.replay(migrations, new TreeSet<>(leftOut));
      // After the repeatables: their views and triggers are part of the schema the runtime builds.
      replay.replayRepeatables(repeatables);
      if (replay.uncertain || migrations.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ReplayedSchema(
              SchemaInspector.inspect(replay.full.connection),
              replay.javaMigrations,
              migrations.get(migrations.size() - 1),
              replay.lastChanged));
    } catch (SQLException e) {
      throw new IllegalStateException("in-memory SQLite failed: " + e.getMessage(), e);
    }
  }

  private void replay(List<MigrationModel> migrations, NavigableSet<Long> leftOut)
      throws SQLException {
    boolean noted = false;
    for (int m = 0; m < migrations.size(); m++) {
      MigrationModel migration = migrations.get(m);
      if (!leftOut.headSet(migration.version(), true).isEmpty()) {
        leftOut.headSet(migration.version(), true).clear();
        uncertain = true;
        becomeIncomplete();
      }
      if (migration.type() == MigrationType.JAVA) {
        javaMigrations.add(migration);
        if (!noted && followedBySql(migrations, m)) {
          noteJava(migration);
          noted = true;
        }
        becomeIncomplete();
        continue;
      }
      setForeignKeys(migration.foreignKeys());
      try {
        Scratch db = authority();
        MigrationLint lint =
            db == null ? null : MigrationLint.start(migration, db.connection, report, filledBy);
        boolean watched = complete;
        if (watched) {
          full.watchRows();
        }
        Optional<Rejection> up = run(Script.up(migration), false, lint).rejection();
        RowChanges upChanges = watched ? full.rowChanges() : null;
        up.ifPresent(r -> reject(migration, "up", r));
        if (up.isPresent()) {
          uncertain = true;
          becomeIncomplete(); // the statements after the rejected one did not run
        } else {
          if (lint != null && authority() == db) {
            lint.finish();
          }
          if (!migration.down().isEmpty()) {
            checkDown(migration, upChanges);
          }
        }
      } finally {
        setForeignKeys(true);
      }
      recordChanges(migration);
    }
    if (!leftOut.isEmpty()) {
      uncertain = true;
      becomeIncomplete();
    }
    checkForeignKeys();
  }

  private static boolean followedBySql(List<MigrationModel> migrations, int index) {
    return migrations.subList(index + 1, migrations.size()).stream()
        .anyMatch(m -> m.type() == MigrationType.SQL);
  }

  private void noteJava(MigrationModel migration) {
    MigrationAnnotation annotation = migration.annotation();
    report.report(
        Diagnostic.SCHEMA_UNKNOWN_AFTER_JAVA,
        annotation.element(),
        annotation.mirror(),
        migration.qualifiedName(),
        migration.version());
  }

  /** From here {@link #full} may differ from the runtime's schema; {@link #recent} starts over. */
  private void becomeIncomplete() throws SQLException {
    if (complete && !repeatablePhase) {
      checkForeignKeys(); // the keys known so far, before a Java migration hides the schema
    }
    complete = false;
    if (recent != null) {
      recent.close();
      recent = null;
    }
    if (recentTrusted) {
      recent = new Scratch();
      recent.execute(SqliteSettings.foreignKeys(foreignKeys));
    }
    shapes.clear();
  }

  /** The database whose schema is the runtime's, as far as it goes; null if none is. */
  private Scratch authority() {
    return complete ? full : recent;
  }

  private void setForeignKeys(boolean enforced) throws SQLException {
    foreignKeys = enforced;
    full.execute(SqliteSettings.foreignKeys(enforced));
    if (recent != null) {
      recent.execute(SqliteSettings.foreignKeys(enforced));
    }
  }

  /**
   * Runs {@code down} right after {@code up}, then restores the state after {@code up}: by running
   * {@code up} again when that provably restores it (see {@link #redo}), else by rolling back a
   * savepoint, which makes SQLite read the whole schema again and so costs as much as the schema is
   * large.
   *
   * @param upChanges the rows {@code up} changed, or null when they are unknown
   */
  private void checkDown(MigrationModel migration, RowChanges upChanges) throws SQLException {
    List<Scratch> databases = recent == null ? List.of(full) : List.of(full, recent);
    for (Scratch db : databases) {
      db.execute("SAVEPOINT strata_check_down");
    }
    boolean restored = false;
    try {
      List<String> both = new ArrayList<>(migration.up());
      both.addAll(migration.down());
      Set<String> names =
          complete && recent == null && upChanges != null && upChanges.seenAll()
              ? TableShapes.named(both)
              : null;
      String objectsAfterUp =
          names == null || names.size() > TableShapes.MOST_NAMES ? null : full.objects(names);
      if (objectsAfterUp != null) {
        full.watchRows();
      }
      Outcome down = run(Script.down(migration), true, null);
      down.rejection().ifPresent(r -> reject(migration, "down", r));
      if (objectsAfterUp != null) {
        boolean changedNoRow = full.rowChanges().equals(RowChanges.NONE);
        restored =
            down.fully()
                && down.rejection().isEmpty()
                && changedNoRow
                && redo(migration, names, objectsAfterUp, upChanges);
      }
    } finally {
      for (Scratch db : databases) {
        if (!restored) {
          db.execute("ROLLBACK TO strata_check_down");
          db.schemaRows.readAllAgain(); // it may have read what the rollback undid
        }
        db.execute("RELEASE strata_check_down");
      }
    }
  }

  /**
   * Runs {@code up} again after a {@code down} that changed no row, and says whether that restored
   * the state after the first {@code up}: the tables {@code up} wrote rows into were dropped by
   * {@code down} (else the rows would be written twice), every statement ran, it changed the same
   * rows of the same tables, and the objects any of the statements names are as they were. Objects
   * no statement names are untouched, since no statement renames.
   */
  private boolean redo(
      MigrationModel migration, Set<String> names, String objectsAfterUp, RowChanges upChanges)
      throws SQLException {
    if (full.hasTable(upChanges.tables())) {
      return false;
    }
    full.watchRows();
    boolean ran = true;
    for (String sql : migration.up()) {
      if (full.step(sql).result() != Step.Result.RAN) {
        ran = false;
        break;
      }
    }
    RowChanges again = full.rowChanges();
    return ran && again.equals(upChanges) && objectsAfterUp.equals(full.objects(names));
  }

  /**
   * The rows a stretch of statements changed: the tables of the main schema the update hook saw,
   * how many changes SQLite counted, and whether the hook saw them all (it misses WITHOUT ROWID
   * tables, and tables of other schemas are not listed).
   */
  private record RowChanges(Set<String> tables, long count, boolean seenAll) {
    static final RowChanges NONE = new RowChanges(Set.of(), 0, true);
  }

  /** How an attribute's statements went: the first refused, and whether all ran fully. */
  private record Outcome(Optional<Rejection> rejection, boolean fully) {}

  private record Rejection(int index, String statement, String message) {}

  /**
   * One attribute's statements and the rules they run under.
   *
   * @param outsideTransaction how to run a statement that cannot run in the step's transaction
   * @param cascadeOf the migration whose drops are checked for cascades; null for none
   */
  private record Script(
      String attribute,
      List<String> statements,
      boolean transactional,
      String outsideTransaction,
      MigrationModel cascadeOf) {
    private static final String NOT_TRANSACTIONAL =
        "declare it in a migration with transactional = false, which runs outside one";

    static Script up(MigrationModel m) {
      return new Script(
          "up", m.up(), m.transactional(), NOT_TRANSACTIONAL, m.destructive() ? null : m);
    }

    static Script down(MigrationModel m) {
      return new Script(
          "down", m.down(), m.transactional(), NOT_TRANSACTIONAL, m.destructive() ? null : m);
    }

    /** Repeatables always run in a transaction and have no {@code destructive} to opt out. */
    static Script of(RepeatableModel r) {
      return new Script(
          "up",
          r.up(),
          true,
          "a repeatable migration always runs inside one; put it in a @Migration with"
              + " transactional = false",
          null);
    }
  }

  /**
   * After the versioned migrations and their foreign-key check: each repeatable once, in order,
   * then each that ran cleanly once more, since the runtime runs a changed repeatable again on a
   * database where its earlier text ran ({@code CREATE VIEW} without {@code DROP VIEW IF EXISTS}
   * fails there).
   */
  private void replayRepeatables(List<RepeatableModel> repeatables) throws SQLException {
    repeatablePhase = true;
    List<RepeatableModel> clean = new ArrayList<>();
    for (RepeatableModel repeatable : repeatables) {
      Optional<Rejection> first = run(Script.of(repeatable), false, null).rejection();
      first.ifPresent(
          r -> rejectRepeatable(repeatable, r, "after every SQL migration and earlier repeatable"));
      if (first.isPresent()) {
        uncertain = true;
        becomeIncomplete();
      } else {
        clean.add(repeatable);
      }
    }
    for (RepeatableModel repeatable : clean) {
      run(Script.of(repeatable), false, null)
          .rejection()
          .ifPresent(
              r ->
                  rejectRepeatable(
                      repeatable,
                      r,
                      "again after every repeatable ran once; a repeatable runs again whenever"
                          + " its text changes, so write it to run twice, e.g. DROP VIEW IF EXISTS"
                          + " before CREATE VIEW"));
    }
  }

  /**
   * Runs the statements of one attribute until the first that is refused. In a {@code trial} (a
   * {@code down}, rolled back afterwards) a statement that does not fully run ends the attribute
   * quietly, since what follows it is unknown; otherwise it makes the schema incomplete. {@code
   * lint}, if any, watches each statement on the database that decides.
   */
  private Outcome run(Script script, boolean trial, MigrationLint lint) throws SQLException {
    List<String> statements = script.statements();
    for (int i = 0; i < statements.size(); i++) {
      String sql = statements.get(i);
      String conflict =
          script.transactional() ? transactionConflict(sql, script.outsideTransaction()) : null;
      if (conflict != null) {
        return rejected(new Rejection(i + 1, sql, conflict));
      }
      if (script.cascadeOf() != null) {
        checkCascade(script.cascadeOf(), script.attribute(), i + 1, sql);
      }
      Scratch db = authority();
      MigrationLint.Pending watched =
          lint != null && db != null && db.connection == lint.database()
              ? lint.before(i + 1, sql)
              : null;
      Verdict verdict = complete ? stepComplete(sql) : stepIncomplete(sql);
      if (verdict.refusal() != null) {
        return rejected(new Rejection(i + 1, sql, verdict.refusal()));
      }
      if (watched != null && verdict.ranFully()) {
        lint.after(watched);
      }
      if (!verdict.ranFully()) {
        if (trial) {
          return new Outcome(Optional.empty(), false);
        }
        // A statement left unrun on purpose changes no table, unless it undoes what came before.
        String verb = SqlText.firstWord(sql);
        uncertain |= !PREPARE_ONLY.contains(verb) || verb.equals("ROLLBACK");
        becomeIncomplete();
      }
    }
    return new Outcome(Optional.empty(), true);
  }

  private static Outcome rejected(Rejection rejection) {
    return new Outcome(Optional.of(rejection), false);
  }

  /**
   * What one statement did to the replay: SQLite's message if it is to be reported, and whether the
   * authoritative database now holds its effect.
   */
  private record Verdict(String refusal, boolean ranFully) {
    static final Verdict RAN = new Verdict(null, true);
    static final Verdict LOST = new Verdict(null, false);

    static Verdict refused(String message) {
      return new Verdict(message, false);
    }
  }

  /** While {@link #full} holds the whole schema, it decides. */
  private Verdict stepComplete(String sql) throws SQLException {
    Set<String> triggersBefore = createsTrigger(sql) ? full.triggers() : null;
    Step step = full.step(sql);
    return switch (step.result()) {
      case REFUSED -> Verdict.refused(step.message());
      case FAILED ->
          isSchemaDependent(step.message()) ? Verdict.refused(step.message()) : Verdict.LOST;
      case NOT_RUN -> Verdict.LOST;
      case RAN -> probeNewTriggers(full, triggersBefore).map(Verdict::refused).orElse(Verdict.RAN);
    };
  }

  /**
   * Once {@link #full} is incomplete, {@link #recent} decides what names only tables it has, and
   * {@link #full} still reports the errors that no schema explains, such as syntax.
   */
  private Verdict stepIncomplete(String sql) throws SQLException {
    Step old = full.step(sql);
    if (recent != null) {
      Set<String> triggersBefore = createsTrigger(sql) ? recent.triggers() : null;
      Step step = recent.step(sql);
      switch (step.result()) {
        case REFUSED -> {
          if (!namesMissingObject(step.message())) {
            return Verdict.refused(step.message());
          }
        }
        case FAILED -> {
          if (isSchemaDependent(step.message()) && !namesMissingObject(step.message())) {
            return Verdict.refused(step.message());
          }
          // The runtime may well run it: a change of schema it made there is unknown here.
          return changesSchema(sql) ? Verdict.LOST : Verdict.RAN;
        }
        case NOT_RUN -> {
          return Verdict.LOST;
        }
        case RAN -> {
          return probeNewTriggers(recent, triggersBefore)
              .filter(message -> !namesMissingObject(message))
              .map(Verdict::refused)
              .orElse(Verdict.RAN);
        }
      }
    }
    if (old.result() == Step.Result.REFUSED && !isSchemaDependent(old.message())) {
      return Verdict.refused(old.message());
    }
    return Verdict.RAN;
  }

  /** The first trigger created since {@code before} whose body does not resolve, if any. */
  private static Optional<String> probeNewTriggers(Scratch db, Set<String> before)
      throws SQLException {
    if (before == null) {
      return Optional.empty();
    }
    for (String trigger : db.triggers()) {
      if (!before.contains(trigger)) {
        Optional<String> error = TriggerProbe.probe(db.connection, trigger);
        if (error.isPresent()) {
          return Optional.of("error in trigger " + trigger + ": " + error.get());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean createsTrigger(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    int i = 0;
    if (!keyword(tokens, i++, "CREATE")) {
      return false;
    }
    if (keyword(tokens, i, "TEMP") || keyword(tokens, i, "TEMPORARY")) {
      i++;
    }
    return keyword(tokens, i, "TRIGGER");
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }

  private static boolean changesSchema(String sql) {
    String first = SqlText.firstWord(sql);
    return first.equals("ALTER") || first.equals("DROP");
  }

  /**
   * Reports a {@code DROP TABLE} that, with foreign keys enforced, makes SQLite delete or change
   * rows of the tables that reference it: the implicit DELETE of a drop runs their ON DELETE
   * CASCADE, SET NULL and SET DEFAULT actions. A table rebuild drops the table on purpose and must
   * run with enforcement off.
   */
  private void checkCascade(MigrationModel migration, String attribute, int index, String sql)
      throws SQLException {
    Scratch db = authority();
    Optional<String> dropped = CascadingDrop.droppedTable(sql);
    if (db == null
        || dropped.isEmpty()
        || !db.foreignKeysEnforced()
        || !db.anyForeignKeyReferences(dropped.get())) {
      return;
    }
    List<String> effects = CascadingDrop.effects(db.connection, dropped.get(), false);
    if (!effects.isEmpty()) {
      MigrationAnnotation annotation = migration.annotation();
      report.report(
          Diagnostic.CASCADING_DROP,
          annotation.element(),
          annotation.mirror(),
          annotation.value(attribute),
          "\"" + shown(sql) + "\" (statement " + index + " of '" + attribute + "')",
          dropped.get(),
          String.join(", and ", effects));
    }
  }

  /** Remembers which tables {@code migration} created, altered or dropped, to blame it later. */
  private void recordChanges(MigrationModel migration) throws SQLException {
    Scratch db = authority();
    if (db == null) {
      return;
    }
    for (String table : shapes.update(db.connection, db.schemaRows, migration.up())) {
      lastChanged.put(table, migration);
    }
  }

  /** After the replay: the foreign keys of the schema, as far as it is known. */
  private void checkForeignKeys() throws SQLException {
    Scratch db = authority();
    if (db == null) {
      return;
    }
    for (ForeignKeys.Problem problem : ForeignKeys.check(db.connection, complete)) {
      ForeignKeys.Key key = problem.key();
      MigrationModel blamed =
          newer(
              lastChanged.get(SqlIdentifiers.fold(key.child())),
              lastChanged.get(SqlIdentifiers.fold(key.parent())));
      if (blamed == null) {
        continue;
      }
      MigrationAnnotation at = blamed.annotation();
      if (problem instanceof ForeignKeys.TableMissing missing) {
        report.report(
            Diagnostic.REFERENCE_TABLE_MISSING,
            at.element(),
            at.mirror(),
            at.value("up"),
            key.describe(),
            key.parent(),
            missing.isView()
                ? "which is a view: a foreign key must reference a table"
                : "which does not exist",
            key.child());
      } else if (problem instanceof ForeignKeys.ColumnMissing missing) {
        report.report(
            Diagnostic.REFERENCE_COLUMN_MISSING,
            at.element(),
            at.mirror(),
            at.value("up"),
            key.parent(),
            missing.column(),
            String.join(", ", missing.parentColumns())
                + " (in the foreign key "
                + key.describe()
                + ")");
      } else if (problem instanceof ForeignKeys.NotUnique notUnique) {
        report.report(
            Diagnostic.REFERENCE_NOT_UNIQUE,
            at.element(),
            at.mirror(),
            at.value("up"),
            notUnique.referenced().isEmpty()
                ? "[] (it has no primary key)"
                : notUnique.referenced().toString(),
            key.parent());
      }
    }
  }

  private static MigrationModel newer(MigrationModel a, MigrationModel b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return MigrationModel.ORDER.compare(a, b) >= 0 ? a : b;
  }

  /** Why {@code sql} cannot run inside a transactional migration's transaction, or null. */
  private static String transactionConflict(String sql, String outsideTransaction) {
    return StepTransaction.conflict(sql).map(why -> why + "; " + outsideTransaction).orElse(null);
  }

  private void reject(MigrationModel migration, String attribute, Rejection rejection) {
    MigrationAnnotation annotation = migration.annotation();
    report.report(
        Diagnostic.INVALID_SQL,
        annotation.element(),
        annotation.mirror(),
        annotation.value(attribute),
        rejected(
            rejection,
            attribute,
            attribute.equals("up") ? "after every earlier SQL migration" : "after 'up'"),
        rejection.message());
  }

  private void rejectRepeatable(RepeatableModel repeatable, Rejection rejection, String tried) {
    RepeatableAnnotation annotation = repeatable.annotation();
    report.report(
        Diagnostic.INVALID_SQL,
        annotation.element(),
        annotation.mirror(),
        annotation.value("up"),
        rejected(rejection, "up", tried),
        rejection.message());
  }

  private static String rejected(Rejection rejection, String attribute, String tried) {
    return "\""
        + shown(rejection.statement())
        + "\" (statement "
        + rejection.index()
        + " of '"
        + attribute
        + "', tried "
        + tried
        + ")";
  }

  /**
   * The statement on one line, as written but without comments, and shortened: collapsing
   * whitespace alone would let a {@code --} comment run on over the rest of the statement.
   */
  static String shown(String sql) {
    StringBuilder shown = new StringBuilder();
    int previousEnd = -1;
    for (Token token : SqlTokens.tokenize(sql)) {
      if (previousEnd >= 0 && token.start() > previousEnd) {
        shown.append(' ');
      }
      shown.append(sql, token.start(), token.end());
      previousEnd = token.end();
    }
    return shown.length() > SHOWN_STATEMENT_LENGTH
        ? shown.substring(0, SHOWN_STATEMENT_LENGTH) + "..."
        : shown.toString();
  }

  private static boolean isSchemaDependent(String message) {
    return containsAny(message, SCHEMA_DEPENDENT);
  }

  private static boolean namesMissingObject(String message) {
    return containsAny(message, MISSING_OBJECT);
  }

  private static boolean containsAny(String message, List<String> fragments) {
    String lower = message.toLowerCase(Locale.ROOT);
    return fragments.stream().anyMatch(lower::contains);
  }

  @Override
  public void close() throws SQLException {
    try {
      full.close();
    } finally {
      if (recent != null) {
        recent.close();
      }
    }
  }

  /** What became of one statement in one database. */
  private record Step(Result result, String message) {
    enum Result {
      /** SQLite cannot prepare it. */
      REFUSED,
      /** Prepared, but failed or was interrupted while running. */
      FAILED,
      /** Prepared, and deliberately not run. */
      NOT_RUN,
      RAN
    }
  }

  /** One in-memory database, with a time budget per statement. */
  private static final class Scratch implements AutoCloseable {
    private final SQLiteConnection connection;
    private volatile long deadline = Long.MAX_VALUE;
    private final SchemaRows schemaRows = new SchemaRows();

    /** While rows are watched: what the update hook saw, and SQLite's count when it started. */
    private final Set<String> changedTables = new HashSet<>();

    private long hookedChanges;
    private boolean otherSchema;
    private long changesAtStart;
    private final SQLiteUpdateListener watcher =
        (type, database, table, rowId) -> {
          hookedChanges++;
          if (database.equals("main")) {
            changedTables.add(SqlIdentifiers.fold(table));
          } else {
            otherSchema = true;
          }
        };

    Scratch() throws SQLException {
      connection = ScratchDatabase.open();
      try {
        ProgressHandler.setHandler(
            connection,
            10_000,
            new ProgressHandler() {
              @Override
              protected int progress() {
                return System.nanoTime() > deadline ? 1 : 0;
              }
            });
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }

    /** Prepares {@code sql}, and runs it unless it must not run here. */
    Step step(String sql) {
      PreparedStatement prepared;
      try {
        prepared = connection.prepareStatement(sql);
      } catch (SQLException e) {
        return new Step(Step.Result.REFUSED, SqliteMessages.of(e));
      }
      try (prepared) {
        if (PREPARE_ONLY.contains(SqlText.firstWord(sql))) {
          return new Step(Step.Result.NOT_RUN, null);
        }
        deadline = System.nanoTime() + BUDGET.toNanos();
        schemaRows.ran(sql);
        prepared.execute();
        return new Step(Step.Result.RAN, null);
      } catch (SQLException dataDependentOrInterrupted) {
        return new Step(Step.Result.FAILED, SqliteMessages.of(dataDependentOrInterrupted));
      } finally {
        deadline = Long.MAX_VALUE;
      }
    }

    void execute(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    /** Starts counting the rows the next statements change, until {@link #rowChanges}. */
    void watchRows() throws SQLException {
      changedTables.clear();
      hookedChanges = 0;
      otherSchema = false;
      changesAtStart = totalChanges();
      connection.addUpdateListener(watcher);
    }

    RowChanges rowChanges() throws SQLException {
      connection.removeUpdateListener(watcher);
      long counted = totalChanges() - changesAtStart;
      return new RowChanges(
          Set.copyOf(changedTables), counted, counted == hookedChanges && !otherSchema);
    }

    private long totalChanges() throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT total_changes()")) {
        rows.next();
        return rows.getLong(1);
      }
    }

    /**
     * Every object named, or whose table is named, in {@code names}, one line each; null when the
     * database has temporary objects, which this does not read.
     */
    String objects(Set<String> names) throws SQLException {
      schemaRows.refresh(connection);
      return SchemaRows.hasTemporaryObjects(connection) ? null : schemaRows.objects(names);
    }

    /** Whether a table declares a foreign key, unless {@code table} is the only one that does. */
    boolean anyForeignKeyReferences(String table) throws SQLException {
      schemaRows.refresh(connection);
      return schemaRows.anyForeignKeyBeside(SqlIdentifiers.fold(table));
    }

    /** Whether a table of one of these folded names exists. */
    boolean hasTable(Set<String> tables) throws SQLException {
      schemaRows.refresh(connection);
      return schemaRows.hasTable(tables);
    }

    boolean foreignKeysEnforced() throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("PRAGMA foreign_keys")) {
        return rows.next() && rows.getInt(1) != 0;
      }
    }

    Set<String> triggers() throws SQLException {
      return new HashSet<>(TriggerProbe.triggers(connection));
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
