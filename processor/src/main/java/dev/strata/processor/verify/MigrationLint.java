package dev.strata.processor.verify;

import dev.strata.annotation.UnsafeRule;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code [DestructiveMigration]} and {@code [UnsafeMigration]} checks of one SQL migration's
 * {@code up}, watched statement by statement on the replay's database whose schema is the
 * runtime's, so that each finding is certain rather than guessed from the text alone.
 *
 * <p>Destructive: a table that existed before the step and is dropped by it without its rows being
 * read by an earlier statement of the step (a copy), a column dropped the same way, and a copy (the
 * rebuild's {@code INSERT ... SELECT}) that never reads some of the old table's columns. A column
 * counts as read when a statement that reads the table names it, or selects {@code *}: a rename in
 * the copy is therefore no loss, and a missed loss is preferred to a false alarm.
 *
 * <p>Unsafe, one {@link UnsafeRule} each: a NOT NULL column added without a default to a table that
 * existed before the step (an error when the replayed table holds rows, since SQLite then refuses
 * it); a table renamed while other tables' foreign keys, views or triggers name it, after which the
 * step creates a table of the old name (they now name the renamed one); and a {@code DROP INDEX}
 * after which, at the end of the step, a foreign key that the index covered has no index left that
 * leads with its columns.
 */
final class MigrationLint {
  private final MigrationModel migration;
  private final Connection db;
  private final ValidationReport.Builder report;
  private final Set<String> allowed;

  /** Per table (folded name), the migration whose INSERT last added rows to it; shared. */
  private final Map<String, MigrationModel> filledBy;

  /**
   * The tables that existed before the step, by folded current name: only those its statements have
   * named so far, each read just before the first statement that names it. A statement that changes
   * a table names it, so that table is still as it was when the step began; reading the whole
   * schema at every step would make the replay quadratic.
   */
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** Every folded name already looked up in {@link #tables}, found or not. */
  private final Set<String> resolved = new HashSet<>();

  /** The tables the step dropped, in order, with what had read them before. */
  private final List<Table> dropped = new ArrayList<>();

  private final List<Rename> renames = new ArrayList<>();
  private final List<IndexDrop> indexDrops = new ArrayList<>();

  /** Whether {@code up} changes tables at all: otherwise only its INSERTs are followed. */
  private final boolean watching;

  /** A table as it was before the step, followed through renames. */
  private static final class Table {
    final String originalName;
    String name;
    final List<String> columns;
    final Set<String> read = new HashSet<>();
    boolean readAll;
    boolean copied;
    String droppedBy;

    Table(String name, List<String> columns) {
      this.originalName = name;
      this.name = name;
      this.columns = new ArrayList<>(columns);
    }
  }

  private record Rename(String from, String to, String statement, List<String> rewritten) {}

  private record IndexDrop(String statement, String table, List<ForeignKeys.Key> covered) {}

  private MigrationLint(
      MigrationModel migration,
      Connection db,
      ValidationReport.Builder report,
      Map<String, MigrationModel> filledBy) {
    this.migration = migration;
    this.db = db;
    this.report = report;
    this.filledBy = filledBy;
    this.allowed = migration.annotation().allowUnsafe();
    this.watching =
        migration.up().stream()
            .map(sql -> Parsed.of(sql).verb())
            .anyMatch(
                verb -> verb == Verb.ALTER || verb == Verb.DROP_TABLE || verb == Verb.DROP_INDEX);
  }

  /** A lint for {@code migration}'s {@code up} on {@code db}, which holds the schema before it. */
  static MigrationLint start(
      MigrationModel migration,
      Connection db,
      ValidationReport.Builder report,
      Map<String, MigrationModel> filledBy)
      throws SQLException {
    return new MigrationLint(migration, db, report, filledBy);
  }

  Connection database() {
    return db;
  }

  /**
   * Adds to {@link #tables} the ordinary tables that {@code tokens} name and that no earlier
   * statement of the step named. Virtual tables (and the shadow tables their module keeps) are left
   * out: their rows are often derived, such as an external-content FTS index.
   */
  private void resolve(List<Token> tokens) throws SQLException {
    for (String name : TableShapes.names(tokens)) {
      if (!resolved.add(name)) {
        continue;
      }
      // Most names are keywords or columns: pragma_table_xinfo finds a table (or view) in one
      // lookup, where pragma_table_list walks the whole schema.
      List<String> columns = new ArrayList<>();
      try (PreparedStatement query =
          db.prepareStatement("SELECT name FROM pragma_table_xinfo(?) ORDER BY cid")) {
        query.setString(1, name);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            columns.add(rows.getString(1));
          }
        }
      } catch (SQLException brokenView) {
        if (stored(name, ORDINARY) != null) {
          throw brokenView;
        }
        continue;
      }
      String stored = columns.isEmpty() ? null : stored(name, ORDINARY);
      if (stored != null) {
        tables.put(name, new Table(stored, columns));
      }
    }
  }

  /** What one statement is, read from its first tokens. */
  private enum Verb {
    ALTER,
    DROP_TABLE,
    DROP_INDEX,
    /** INSERT, REPLACE or UPDATE (possibly after WITH): a statement that may copy rows. */
    WRITE,
    OTHER
  }

  /**
   * @param table the table (or, for {@code DROP INDEX}, the index) the statement names first
   * @param rest where the tokens after that name start
   */
  private record Parsed(List<Token> tokens, Verb verb, String table, int rest) {
    static Parsed of(String sql) {
      List<Token> tokens = SqlTokens.tokenize(sql);
      if (keyword(tokens, 0, "ALTER") && keyword(tokens, 1, "TABLE")) {
        int at = skipMain(tokens, 2);
        return new Parsed(tokens, Verb.ALTER, name(tokens, at), at + 1);
      }
      if (keyword(tokens, 0, "DROP")
          && (keyword(tokens, 1, "TABLE") || keyword(tokens, 1, "INDEX"))) {
        int at = 2;
        if (keyword(tokens, at, "IF") && keyword(tokens, at + 1, "EXISTS")) {
          at += 2;
        }
        at = skipMain(tokens, at);
        Verb what = keyword(tokens, 1, "TABLE") ? Verb.DROP_TABLE : Verb.DROP_INDEX;
        return new Parsed(tokens, what, name(tokens, at), at + 1);
      }
      boolean writes =
          (keyword(tokens, 0, "INSERT")
                  || keyword(tokens, 0, "REPLACE")
                  || keyword(tokens, 0, "UPDATE")
                  || keyword(tokens, 0, "WITH"))
              && tokens.stream()
                  .anyMatch(
                      t ->
                          t.isKeyword("INSERT") || t.isKeyword("UPDATE") || t.isKeyword("REPLACE"));
      return new Parsed(tokens, writes ? Verb.WRITE : Verb.OTHER, insertTarget(tokens), 0);
    }

    /** The table after the first INTO of an INSERT or REPLACE, or null. */
    private static String insertTarget(List<Token> tokens) {
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).isKeyword("INTO")) {
          return name(tokens, skipMain(tokens, i + 1));
        }
      }
      return null;
    }

    boolean isKeyword(int offset, String keyword) {
      return keyword(tokens, rest + offset, keyword);
    }
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }

  /** Past a {@code main.} qualifier; a statement on another schema names no main table. */
  private static int skipMain(List<Token> tokens, int i) {
    return i + 2 < tokens.size() && tokens.get(i + 1).is(".") ? i + 2 : i;
  }

  private static String name(List<Token> tokens, int i) {
    return i < tokens.size() && tokens.get(i).kind() != SqlTokens.Kind.SYMBOL
        ? tokens.get(i).value()
        : null;
  }

  /** Before statement {@code index} (from 1) runs: what only the schema before it can tell. */
  Pending before(int index, String sql) throws SQLException {
    Parsed parsed = Parsed.of(sql);
    String where = where(sql, index);
    Pending pending = new Pending(parsed, where);
    if (!watching) {
      return pending;
    }
    resolve(parsed.tokens());
    if (parsed.verb() == Verb.ALTER && parsed.table() != null) {
      if (parsed.isKeyword(0, "RENAME") && parsed.isKeyword(1, "TO")) {
        pending.master = master();
      } else if (parsed.isKeyword(0, "ADD")) {
        checkAddColumn(parsed, where);
      }
    } else if (parsed.verb() == Verb.DROP_INDEX && parsed.table() != null) {
      pending.indexDrop = indexDrop(parsed.table(), where);
    } else if (parsed.verb() == Verb.WRITE) {
      noteReads(parsed);
    }
    for (Rename rename : renames) {
      String from = fold(rename.from());
      pending.existedBefore.put(from, exists(rename.from()));
    }
    return pending;
  }

  /** What {@link #before} saw, for {@link #after}. */
  static final class Pending {
    final Parsed parsed;
    final String where;
    Map<String, String> master;

    /** Per table renamed away earlier in the step (folded name), whether it existed before. */
    final Map<String, Boolean> existedBefore = new HashMap<>();

    IndexDrop indexDrop;

    Pending(Parsed parsed, String where) {
      this.parsed = parsed;
      this.where = where;
    }
  }

  /** After the statement ran in full on {@link #db}. */
  void after(Pending pending) throws SQLException {
    Parsed parsed = pending.parsed;
    if (parsed.verb() == Verb.WRITE && parsed.table() != null && hasRows(parsed.table())) {
      filledBy.put(SqlIdentifiers.fold(parsed.table()), migration);
    }
    if (!watching) {
      return;
    }
    if (parsed.verb() == Verb.ALTER && parsed.table() != null) {
      Table table = tables.get(SqlIdentifiers.fold(parsed.table()));
      if (parsed.isKeyword(0, "RENAME") && parsed.isKeyword(1, "TO")) {
        renamed(pending);
      } else if (parsed.isKeyword(0, "RENAME") && table != null) {
        int at = parsed.isKeyword(1, "COLUMN") ? 2 : 1;
        String from = name(parsed.tokens(), parsed.rest() + at);
        String to = name(parsed.tokens(), parsed.rest() + at + 2);
        table.columns.replaceAll(c -> SqlIdentifiers.fold(c).equals(fold(from)) ? to : c);
      } else if (parsed.isKeyword(0, "DROP") && table != null) {
        String column =
            name(parsed.tokens(), parsed.rest() + (parsed.isKeyword(1, "COLUMN") ? 2 : 1));
        droppedColumn(table, column, pending.where);
      }
    } else if (parsed.verb() == Verb.DROP_TABLE && parsed.table() != null) {
      Table table = tables.remove(SqlIdentifiers.fold(parsed.table()));
      if (table != null) {
        table.droppedBy = pending.where;
        dropped.add(table);
      }
    } else if (parsed.verb() == Verb.DROP_INDEX && pending.indexDrop != null) {
      indexDrops.add(pending.indexDrop);
    }
    // Only a name renamed away matters: a table created under it is a wrong-order rebuild. One
    // renamed by this very statement existed before it.
    Set<String> created = new TreeSet<>();
    for (Rename rename : renames) {
      String from = fold(rename.from());
      if (!pending.existedBefore.getOrDefault(from, true) && exists(rename.from())) {
        created.add(from);
      }
    }
    for (String name : created) {
      recreated(name);
    }
  }

  /** After the whole {@code up} ran: what only its end state can tell. */
  void finish() throws SQLException {
    if (!watching) {
      return;
    }
    for (Table table : dropped) {
      if (!migration.destructive()) {
        reportLoss(table, exists(table.originalName));
      }
    }
    for (IndexDrop drop : indexDrops) {
      checkIndexDrop(drop);
    }
  }

  // --- destructive ---

  /** Every table the statement reads gets the names it mentions, or all of them for {@code *}. */
  private void noteReads(Parsed parsed) {
    Set<String> names = new HashSet<>();
    boolean star = false;
    List<Token> tokens = parsed.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      // Every word, keywords too: a column may be named like one, and an extra name only
      // silences.
      if (token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED) {
        names.add(SqlIdentifiers.fold(token.value()));
      } else if (token.is("*") && i > 0) {
        Token previous = tokens.get(i - 1);
        star |=
            previous.is(",")
                || previous.is(".")
                || previous.isKeyword("SELECT")
                || previous.isKeyword("DISTINCT")
                || previous.isKeyword("ALL");
      }
    }
    String target = parsed.table() == null ? null : SqlIdentifiers.fold(parsed.table());
    for (Table table : tables.values()) {
      String name = SqlIdentifiers.fold(table.name);
      if (names.contains(name) && !name.equals(target)) {
        table.copied = true;
        table.readAll |= star;
        table.read.addAll(names);
      }
    }
  }

  private void droppedColumn(Table table, String column, String where) {
    String folded = fold(column);
    boolean existed = table.columns.removeIf(c -> SqlIdentifiers.fold(c).equals(folded));
    if (existed && !migration.destructive() && !table.read.contains(folded) && !table.readAll) {
      reportDestructive(
          where,
          "drops column '"
              + column
              + "' of table '"
              + table.name
              + "', and its value in every row");
    }
  }

  private void reportLoss(Table table, boolean rebuilt) {
    if (!table.copied) {
      reportDestructive(
          table.droppedBy,
          (rebuilt ? "rebuilds" : "drops")
              + " table '"
              + table.originalName
              + "' without reading its rows first, so every row goes, with its columns "
              + String.join(", ", table.columns));
      return;
    }
    if (table.readAll) {
      return;
    }
    List<String> lost =
        table.columns.stream().filter(c -> !table.read.contains(SqlIdentifiers.fold(c))).toList();
    if (!lost.isEmpty()) {
      reportDestructive(
          table.droppedBy,
          (rebuilt ? "rebuilds" : "drops")
              + " table '"
              + table.originalName
              + "' after a copy that never reads its "
              + (lost.size() == 1 ? "column " : "columns ")
              + String.join(", ", lost)
              + ", so "
              + (lost.size() == 1 ? "its values go" : "their values go"));
    }
  }

  private void reportDestructive(String where, String what) {
    MigrationAnnotation annotation = migration.annotation();
    report.report(
        Diagnostic.DESTRUCTIVE_MIGRATION,
        annotation.element(),
        annotation.mirror(),
        annotation.value("up"),
        where,
        what);
  }

  // --- unsafe ---

  /** {@link UnsafeRule#NOT_NULL_WITHOUT_DEFAULT}, before the ADD runs (it fails on rows). */
  private void checkAddColumn(Parsed parsed, String where) throws SQLException {
    int at = parsed.isKeyword(1, "COLUMN") ? 2 : 1;
    List<Token> tokens = parsed.tokens();
    String column = name(tokens, parsed.rest() + at);
    boolean notNull = false;
    boolean defaulted = false;
    boolean generated = false;
    int depth = 0;
    for (int i = parsed.rest() + at + 1; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.is("(")) {
        depth++;
      } else if (token.is(")")) {
        depth--;
      } else if (depth == 0) {
        notNull |= token.isKeyword("NOT") && keyword(tokens, i + 1, "NULL");
        defaulted |= token.isKeyword("DEFAULT") && !keyword(tokens, i + 1, "NULL");
        generated |= token.isKeyword("AS") || token.isKeyword("GENERATED");
      }
    }
    Table table = tables.get(SqlIdentifiers.fold(parsed.table()));
    if (column == null || !notNull || defaulted || generated || !exists(parsed.table())) {
      return;
    }
    String what =
        "adds NOT NULL column '" + column + "' without a default to table '" + parsed.table() + "'";
    String fix =
        "give the column a DEFAULT, or add it nullable, fill it, and rebuild the table with NOT"
            + " NULL";
    if (hasRows(parsed.table())) {
      MigrationModel filler = filledBy.get(SqlIdentifiers.fold(parsed.table()));
      reportUnsafe(
          Diagnostic.UNSAFE_MIGRATION_FAILS,
          UnsafeRule.NOT_NULL_WITHOUT_DEFAULT,
          where,
          what
              + ", which already holds rows"
              + (filler == null
                  ? ""
                  : " (inserted by version "
                      + filler.version()
                      + ", "
                      + filler.qualifiedName()
                      + ")")
              + ", so SQLite refuses it: Cannot add a NOT NULL column with default value NULL",
          fix);
    } else if (table != null) {
      reportUnsafe(
          Diagnostic.UNSAFE_MIGRATION,
          UnsafeRule.NOT_NULL_WITHOUT_DEFAULT,
          where,
          what + ", which SQLite refuses as soon as the table holds a row, as it may in production",
          fix);
    }
  }

  /** After a table rename: whose SQL it rewrote to name the new name. */
  private void renamed(Pending pending) throws SQLException {
    Parsed parsed = pending.parsed;
    String from = parsed.table();
    String to = name(parsed.tokens(), parsed.rest() + 2);
    if (to == null) {
      return;
    }
    Table table = tables.remove(SqlIdentifiers.fold(from));
    if (table != null) {
      String stored = stored(to, TABLE_TYPES);
      table.name = stored == null ? to : stored;
      tables.put(SqlIdentifiers.fold(to), table);
    }
    Map<String, String> after = master();
    List<String> rewritten = new ArrayList<>();
    pending.master.forEach(
        (object, sql) -> {
          String now = after.get(object);
          if (now != null && !now.equals(sql)) {
            rewritten.add(object.substring(object.lastIndexOf('\u0000') + 1));
          }
        });
    if (!rewritten.isEmpty()) {
      renames.add(new Rename(from, to, pending.where, rewritten));
    }
  }

  /** A table named {@code created} (folded) appeared: the wrong-order rebuild, if renamed away. */
  private void recreated(String created) {
    for (Rename rename : List.copyOf(renames)) {
      if (SqlIdentifiers.fold(rename.from()).equals(created)) {
        renames.remove(rename);
        reportUnsafe(
            Diagnostic.UNSAFE_MIGRATION,
            UnsafeRule.RENAME_THEN_CREATE,
            rename.statement(),
            "renames table '"
                + rename.from()
                + "' before this step creates a new '"
                + rename.from()
                + "', but with legacy_alter_table = OFF the rename rewrote "
                + String.join(", ", rename.rewritten())
                + " to name '"
                + rename.to()
                + "', so they no longer refer to the new table",
            "rebuild in SQLite's order: create the new table under a temporary name, copy the"
                + " rows, drop '"
                + rename.from()
                + "', then rename the new table to '"
                + rename.from()
                + "'");
      }
    }
  }

  private IndexDrop indexDrop(String index, String where) throws SQLException {
    String table = null;
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ? COLLATE"
                + " NOCASE")) {
      query.setString(1, index);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          table = rows.getString(1);
        }
      }
    }
    if (table == null) {
      return null;
    }
    List<ForeignKeys.Key> covered = new ArrayList<>();
    for (ForeignKeys.Key key : keysOf(table)) {
      if (ForeignKeys.indexLeadsWith(db, table, index, key.columns())) {
        covered.add(key);
      }
    }
    return covered.isEmpty() ? null : new IndexDrop(where, table, covered);
  }

  private void checkIndexDrop(IndexDrop drop) throws SQLException {
    if (!exists(drop.table())) {
      return;
    }
    List<ForeignKeys.Key> keys = keysOf(drop.table());
    for (ForeignKeys.Key key : drop.covered()) {
      boolean stillDeclared =
          keys.stream()
              .anyMatch(
                  k ->
                      SqlIdentifiers.fold(k.columns()).equals(SqlIdentifiers.fold(key.columns()))
                          && SqlIdentifiers.fold(k.parent()).equals(fold(key.parent())));
      if (stillDeclared && !ForeignKeys.hasIndexLeadingWith(db, drop.table(), key.columns())) {
        reportUnsafe(
            Diagnostic.UNSAFE_MIGRATION,
            UnsafeRule.DROP_FOREIGN_KEY_INDEX,
            drop.statement(),
            "drops the only index that leads with the columns of foreign key "
                + key.describe()
                + ", so every delete or key update in '"
                + key.parent()
                + "' scans '"
                + drop.table()
                + "'",
            "keep the index, or create one on (" + String.join(", ", key.columns()) + ")");
      }
    }
  }

  private void reportUnsafe(
      Diagnostic diagnostic, UnsafeRule rule, String where, String what, String fix) {
    boolean warning = diagnostic.kind() != javax.tools.Diagnostic.Kind.ERROR;
    if (warning && allowed.contains(rule.name())) {
      return;
    }
    MigrationAnnotation annotation = migration.annotation();
    report.report(
        diagnostic,
        annotation.element(),
        annotation.mirror(),
        annotation.value("up"),
        rule.name(),
        where + " " + what,
        fix,
        rule.name());
  }

  // --- reading the database ---

  private List<ForeignKeys.Key> keysOf(String table) throws SQLException {
    return ForeignKeys.keys(db).stream()
        .filter(k -> SqlIdentifiers.fold(k.child()).equals(SqlIdentifiers.fold(table)))
        .toList();
  }

  /** What {@link ForeignKeys#tables} counts as a table: virtual and shadow tables too. */
  private static final Set<String> TABLE_TYPES = Set.of("table", "virtual", "shadow");

  private static final Set<String> ORDINARY = Set.of("table");

  /**
   * The name, as stored, of the main schema's table named {@code name} (in any case) whose type in
   * {@code pragma_table_list} is one of {@code types}; null if none, or if it is SQLite's own.
   */
  private String stored(String name, Set<String> types) throws SQLException {
    if (SqlIdentifiers.fold(name).startsWith("sqlite_")) {
      return null;
    }
    try (PreparedStatement query =
        db.prepareStatement("SELECT name, type FROM pragma_table_list(?) WHERE schema = 'main'")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (types.contains(rows.getString(2))) {
            return rows.getString(1);
          }
        }
      }
    }
    return null;
  }

  /** Whether the main schema has a table of that name, as {@link ForeignKeys#tables} lists them. */
  private boolean exists(String table) throws SQLException {
    return stored(table, TABLE_TYPES) != null;
  }

  /**
   * Every object's SQL, keyed by its type, folded owning table and description: the key of an
   * object that a rename moves to the new table changes, so only other objects compare.
   */
  private Map<String, String> master() throws SQLException {
    Map<String, String> objects = new LinkedHashMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT type, tbl_name, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                    + " ORDER BY type, name")) {
      while (rows.next()) {
        objects.put(
            rows.getString(1)
                + '\u0000'
                + SqlIdentifiers.fold(rows.getString(2))
                + '\u0000'
                + describe(rows.getString(1), rows.getString(3)),
            rows.getString(4));
      }
    }
    return objects;
  }

  private static String describe(String type, String name) {
    return type.equals("table")
        ? "the foreign keys of table '" + name + "'"
        : type + " '" + name + "'";
  }

  private boolean hasRows(String table) throws SQLException {
    if (!exists(table)) {
      return false;
    }
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM " + SqlIdentifiers.quote(table) + ")")) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  /** {@code "DROP TABLE t" (statement 2 of 'up')}, as the other replay diagnostics show it. */
  private String where(String sql, int index) {
    return "\"" + MigrationReplay.shown(sql) + "\" (statement " + index + " of 'up')";
  }

  private static String fold(String name) {
    return name == null ? "" : SqlIdentifiers.fold(name);
  }
}
