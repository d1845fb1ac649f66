package dev.strata.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hand-written migration spells a schema otherwise than the processor does. Each case compares
 * processor-style DDL, modelled as {@link SchemaDefinition#model()} models it, with a real SQLite
 * file that a migration built: spellings that SQLite treats alike are no drift, in either
 * direction, and spellings that SQLite treats otherwise are.
 *
 * <p>The facts come from <a href="https://www.sqlite.org/lang_createtable.html#rowid">ROWIDs and
 * the INTEGER PRIMARY KEY</a>: a rowid table's single-column primary key of declared type exactly
 * {@code INTEGER} is an alias for the rowid, whether written as a column or a table constraint, ASC
 * or not, except when written {@code INTEGER PRIMARY KEY DESC}; a rowid alias never holds NULL,
 * while any other primary key of a rowid table accepts NULL unless declared NOT NULL, and the
 * primary key of a WITHOUT ROWID or STRICT table is always NOT NULL. {@link
 * #theModelSaysWhatSqliteEnforces} checks each of them on SQLite itself.
 */
class EquivalentSpellingsTest {
  @TempDir static Path dir;
  static final AtomicInteger files = new AtomicInteger();

  /** What the processor writes for {@code @Id long id}: NOT NULL before PRIMARY KEY. */
  static final String KEYED =
      "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL)";

  static final String AUTOINCREMENT =
      "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)";

  static final String CATEGORY = "CREATE TABLE category (id INTEGER NOT NULL PRIMARY KEY)";

  /** Processor-style foreign keys, defaults, checks, collation and a unique column. */
  static final String ITEM =
      "CREATE TABLE item (\n"
          + "  id INTEGER NOT NULL PRIMARY KEY,\n"
          + "  category_id INTEGER NOT NULL,\n"
          + "  qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),\n"
          + "  vip INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),\n"
          + "  status TEXT DEFAULT 'OPEN',\n"
          + "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
          + "  email TEXT UNIQUE COLLATE NOCASE,\n"
          + "  note TEXT,\n"
          + "  FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE CASCADE\n"
          + ")";

  static final String CODED = "CREATE TABLE t (code TEXT NOT NULL PRIMARY KEY, n INTEGER NOT NULL)";

  static Stream<Arguments> sameInSqlitesEyes() {
    return Stream.of(
        same(KEYED, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
        same(KEYED, "create table t (id integer primary key, name text not null)"),
        same(KEYED, "CREATE TABLE \"T\" ([Id] \"INTEGER\" PRIMARY KEY, `NAME` TEXT NOT NULL)"),
        same(KEYED, "CREATE TABLE t (id INTEGER PRIMARY KEY ASC, name TEXT NOT NULL)"),
        same(KEYED, "CREATE TABLE t (id INTEGER, name TEXT NOT NULL, PRIMARY KEY (id))"),
        // The documented quirk: DESC in a table constraint still makes an alias.
        same(KEYED, "CREATE TABLE t (id INTEGER, name TEXT NOT NULL, PRIMARY KEY (id DESC))"),
        same(KEYED, "CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY, name TEXT NOT NULL)"),
        same(
            KEYED,
            "CREATE TABLE t (id INTEGER, name TEXT CONSTRAINT nn NOT NULL,"
                + " CONSTRAINT pk_t PRIMARY KEY (id))"),
        same(KEYED, "CREATE TABLE t (name TEXT NOT NULL, id INTEGER PRIMARY KEY)"),
        // SQLite never checks NOT NULL on the rowid alias, so its ON CONFLICT does nothing either.
        same(
            KEYED,
            "CREATE TABLE t (id INTEGER NOT NULL ON CONFLICT IGNORE PRIMARY KEY,"
                + " name TEXT NOT NULL)"),
        same(
            AUTOINCREMENT,
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)"),
        same(
            AUTOINCREMENT,
            "create table t (id integer primary key autoincrement, name text not null)"),
        same(
            AUTOINCREMENT,
            "CREATE TABLE t (id INTEGER, name TEXT NOT NULL, PRIMARY KEY (id AUTOINCREMENT))"),
        same(CODED, "CREATE TABLE t (code TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (code))"),
        // WITHOUT ROWID and STRICT tables enforce NOT NULL on their primary key.
        same(
            CODED + " WITHOUT ROWID",
            "CREATE TABLE t (code TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID"),
        same(
            KEYED + " WITHOUT ROWID",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID"),
        same(
            CODED + " STRICT", "CREATE TABLE t (code TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT"),
        same(
            KEYED + " STRICT",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT"),
        item(
            "column REFERENCES, implicit parent key, other defaults, UNIQUE and CHECK as table"
                + " constraints",
            "CREATE TABLE item (\n"
                + "  id INTEGER PRIMARY KEY,\n"
                + "  category_id INTEGER NOT NULL REFERENCES category ON DELETE CASCADE,\n"
                + "  qty INTEGER NOT NULL DEFAULT (0),\n"
                + "  vip INTEGER NOT NULL DEFAULT FALSE,\n"
                + "  status TEXT DEFAULT ('OPEN'),\n"
                + "  created_at TEXT NOT NULL"
                + " DEFAULT (STRFTIME('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                + "  email TEXT COLLATE nocase,\n"
                + "  note TEXT DEFAULT NULL,\n"
                + "  UNIQUE (email),\n"
                + "  CONSTRAINT qty_not_negative CHECK (qty>=0),\n"
                + "  CHECK (VIP in (0,1))\n"
                + ")"),
        item(
            "named constraints, explicit default actions, MATCH and immediate deferral",
            "CREATE TABLE item (\n"
                + "  id INTEGER CONSTRAINT pk PRIMARY KEY,\n"
                + "  category_id INTEGER NOT NULL,\n"
                + "  qty INTEGER NOT NULL DEFAULT ((0)) CONSTRAINT c1 CHECK (qty >= 0),\n"
                + "  vip INTEGER NOT NULL DEFAULT +0 CHECK (vip IN (0, 1)),\n"
                + "  status TEXT DEFAULT 'OPEN',\n"
                + "  created_at TEXT NOT NULL"
                + " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                + "  email TEXT CONSTRAINT u_email UNIQUE COLLATE \"NOCASE\",\n"
                + "  note TEXT,\n"
                + "  CONSTRAINT fk_category FOREIGN KEY (\"Category_Id\") REFERENCES \"Category\""
                + " (ID) ON DELETE CASCADE ON UPDATE NO ACTION MATCH SIMPLE DEFERRABLE\n"
                + ")"));
  }

  static Arguments same(String processor, String handWritten) {
    return Arguments.of(handWritten, List.of(processor), List.of(handWritten));
  }

  static Arguments item(String what, String handWritten) {
    return Arguments.of(what, List.of(CATEGORY, ITEM), List.of(CATEGORY, handWritten));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameInSqlitesEyes")
  void aSpellingThatSqliteTreatsAlikeIsNotDrift(
      String spelling, List<String> processor, List<String> handWritten) throws Exception {
    SchemaDiff diff = driftBetween(processor, handWritten);
    assertTrue(diff.isEmpty(), diff.render());
    SchemaDiff reverse = driftBetween(handWritten, processor);
    assertTrue(reverse.isEmpty(), reverse.render());
  }

  static Stream<Arguments> differentInSqlitesEyes() {
    return Stream.of(
        differs(
            "INT is not INTEGER: no rowid alias, NULL accepted",
            KEYED,
            "CREATE TABLE t (id INT PRIMARY KEY, name TEXT NOT NULL)",
            "table t: column id: nullability NOT NULL expected, NULL found",
            "table t: primary key: rowid alias yes expected, no found"),
        differs(
            "INT NOT NULL still gets no automatic key",
            KEYED,
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, name TEXT NOT NULL)",
            "table t: primary key: rowid alias yes expected, no found"),
        differs(
            "INTEGER PRIMARY KEY DESC is no rowid alias",
            KEYED,
            "CREATE TABLE t (id INTEGER PRIMARY KEY DESC, name TEXT NOT NULL)",
            "table t: column id: nullability NOT NULL expected, NULL found",
            "table t: primary key: rowid alias yes expected, no found"),
        differs(
            "INTEGER NOT NULL PRIMARY KEY DESC refuses NULL instead of numbering the row",
            KEYED,
            "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY DESC, name TEXT NOT NULL)",
            "table t: primary key: rowid alias yes expected, no found"),
        differs(
            "WITHOUT ROWID: NOT NULL either way, but no rowid to alias",
            KEYED,
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID",
            "table t: primary key: rowid alias yes expected, no found",
            "table t: options none expected, WITHOUT ROWID found"),
        differs(
            "a TEXT key of a rowid table accepts NULL unless NOT NULL",
            CODED,
            "CREATE TABLE t (code TEXT PRIMARY KEY, n INTEGER NOT NULL)",
            "table t: column code: nullability NOT NULL expected, NULL found"),
        differs(
            "so do the columns of a composite key",
            "CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))",
            "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b))",
            "table t: column a: nullability NOT NULL expected, NULL found",
            "table t: column b: nullability NOT NULL expected, NULL found"),
        differs(
            "a declared type of another affinity (VARCHAR(20) would be TEXT's)",
            CODED,
            "CREATE TABLE t (code BLOB NOT NULL PRIMARY KEY, n INTEGER NOT NULL)",
            "table t: column code: type TEXT expected, BLOB found"),
        differs(
            "no AUTOINCREMENT",
            AUTOINCREMENT,
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
            "table t: AUTOINCREMENT yes expected, no found"),
        differs(
            "ON CONFLICT REPLACE on the key itself replaces rows",
            KEYED,
            "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, name TEXT NOT NULL)",
            "table t: primary key ON CONFLICT ABORT expected, REPLACE found"),
        differs(
            "a default of another type",
            "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, n INTEGER DEFAULT 0, m DEFAULT 0)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER DEFAULT 0.0, m DEFAULT '0')",
            "table t: column n: default 0 expected, 0.0 found",
            "table t: column m: default 0 expected, '0' found"),
        differs(
            "a unique index is not a UNIQUE constraint: droppable by name, no ON CONFLICT",
            "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, email TEXT UNIQUE)",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);;"
                + "CREATE UNIQUE INDEX ux_t_email ON t (email)",
            "table t: unique (email): missing",
            "table t: index ux_t_email: not expected, found UNIQUE (email)"));
  }

  static Arguments differs(String what, String processor, String handWritten, String... drift) {
    return Arguments.of(
        what,
        List.of(processor.split(";;")),
        List.of(handWritten.split(";;")),
        String.join("\n", drift));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("differentInSqlitesEyes")
  void aSpellingThatChangesBehaviourIsDrift(
      String what, List<String> processor, List<String> handWritten, String drift)
      throws Exception {
    assertEquals(drift, driftBetween(processor, handWritten).render());
  }

  /**
   * Each key spelling on SQLite itself: the model's NOT NULL says whether a NULL key can be stored,
   * and its rowid alias whether inserting NULL numbers the row instead.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("keySpellings")
  void theModelSaysWhatSqliteEnforces(String table) throws Exception {
    String url = TestDatabases.create(dir, "key" + files.incrementAndGet(), List.of(table));
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      SchemaModel.Table model = SchemaInspector.inspect(connection).table("t").orElseThrow();
      boolean accepted = executes(statement, "INSERT INTO t (k, v) VALUES (NULL, 'x')");
      boolean storedNull = count(statement, "SELECT count(*) FROM t WHERE k IS NULL") > 0;
      boolean numbered = count(statement, "SELECT count(*) FROM t WHERE k IS NOT NULL") > 0;
      assertEquals(!storedNull, model.column("k").orElseThrow().notNull(), "NOT NULL");
      assertEquals(accepted && numbered, model.rowidAlias(), "rowid alias");
      assertEquals(
          accepted && numbered,
          SchemaModel.Table.hasIntegerPrimaryKey(
                  model.columns(), model.withoutRowid(), model.virtualModule())
              && !table.contains("KEY DESC"),
          "the documented rule");
    }
  }

  static Stream<String> keySpellings() {
    return Stream.of(
        "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k INTEGER NOT NULL PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k integer primary key asc, v TEXT)",
        "CREATE TABLE t (k INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)",
        "CREATE TABLE t (k INTEGER, v TEXT, PRIMARY KEY (k))",
        "CREATE TABLE t (k INTEGER, v TEXT, PRIMARY KEY (k DESC))",
        "CREATE TABLE t (k INTEGER NOT NULL ON CONFLICT IGNORE PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k INTEGER PRIMARY KEY DESC, v TEXT)",
        "CREATE TABLE t (k INTEGER NOT NULL PRIMARY KEY DESC, v TEXT)",
        "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k BIGINT PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k INTEGER(10) PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)",
        "CREATE TABLE t (k INTEGER, v TEXT, PRIMARY KEY (k, v))",
        "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID",
        "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT) STRICT",
        "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) STRICT",
        "CREATE TABLE t (k INTEGER UNIQUE, v TEXT)");
  }

  @Test
  void aSnapshotRecordsTheOneIntegerKeyThatIsNoRowidAlias() {
    SchemaModel desc =
        SchemaInspector.inspect(List.of("CREATE TABLE t (id INTEGER PRIMARY KEY DESC, v TEXT)"));
    String json = SchemaSnapshot.toJson(desc);
    assertTrue(json.contains("\"rowidAlias\": false"), json);
    assertEquals(desc, SchemaSnapshot.fromJson(json));
    SchemaModel alias =
        SchemaInspector.inspect(List.of("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
    String aliasJson = SchemaSnapshot.toJson(alias);
    assertTrue(!aliasJson.contains("rowidAlias"), aliasJson);
    assertEquals(alias, SchemaSnapshot.fromJson(aliasJson));
    assertEquals(
        aliasJson,
        SchemaSnapshot.toJson(
            SchemaInspector.inspect(
                List.of("CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, v TEXT)"))));
  }

  private static boolean executes(Statement statement, String sql) {
    try {
      statement.execute(sql);
      return true;
    } catch (SQLException refused) {
      return false;
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static SchemaModel model(List<String> ddl) {
    SchemaDefinition entities = () -> ddl;
    return entities.model();
  }

  private static SchemaModel inspectFile(List<String> ddl) throws SQLException {
    return TestDatabases.inspectFile(dir, "file" + files.incrementAndGet(), ddl);
  }

  /** Processor-style DDL as generated code models it, against a real file built by a migration. */
  static SchemaDiff driftBetween(List<String> expectedDdl, List<String> actualDdl)
      throws SQLException {
    return SchemaDiff.compare(model(expectedDdl), inspectFile(actualDdl));
  }
}
