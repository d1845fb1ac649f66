package dev.strata.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.schema.Drift.Kind;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case builds a real SQLite file from the expected DDL with one change, and checks that
 * comparing it with the expected schema (read as {@link SchemaDefinition#model()} reads it) reports
 * exactly that change, rendered as a user would see it.
 */
class SchemaDiffTest {
  static final List<String> EXPECTED =
      List.of(
          "CREATE TABLE category (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE"
              + " NOCASE UNIQUE)",
          "CREATE TABLE part (sku TEXT NOT NULL PRIMARY KEY,"
              + " category_id INTEGER REFERENCES category(id) ON DELETE CASCADE,"
              + " qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),"
              + " total INTEGER GENERATED ALWAYS AS (qty * 2) VIRTUAL)",
          "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, part_sku TEXT)",
          "CREATE INDEX ix_part_category ON part(category_id)",
          "CREATE VIEW stock AS SELECT sku, qty FROM part",
          "CREATE TRIGGER part_audit AFTER DELETE ON part BEGIN DELETE FROM note WHERE part_sku ="
              + " OLD.sku; END");

  @TempDir static Path dir;
  static final AtomicInteger files = new AtomicInteger();
  static final Set<Kind> covered = EnumSet.noneOf(Kind.class);

  /** The expected DDL with every occurrence of {@code from} replaced; blank statements dropped. */
  static List<String> replace(String from, String to) {
    List<String> ddl =
        EXPECTED.stream().map(s -> s.replace(from, to)).filter(s -> !s.isBlank()).toList();
    if (ddl.equals(EXPECTED)) {
      throw new IllegalArgumentException("not in the expected DDL: " + from);
    }
    return ddl;
  }

  static List<String> plus(String statement) {
    List<String> ddl = new ArrayList<>(EXPECTED);
    ddl.add(statement);
    return ddl;
  }

  static SchemaDiff driftOf(List<String> actualDdl) throws Exception {
    return driftBetween(EXPECTED, actualDdl);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Kind.MISSING_TABLE, replace(EXPECTED.get(2), ""), "table note: missing"),
        Arguments.of(
            Kind.EXTRA_TABLE,
            plus("CREATE TABLE legacy (id INTEGER)"),
            "table legacy: not expected"),
        Arguments.of(
            Kind.MISSING_COLUMN,
            replace(", body TEXT", ""),
            "table note: column body: missing, expected TEXT"),
        Arguments.of(
            Kind.EXTRA_COLUMN,
            replace("part_sku TEXT)", "part_sku TEXT, flag INTEGER NOT NULL DEFAULT 1)"),
            "table note: column flag: not expected, found INTEGER NOT NULL DEFAULT 1"),
        Arguments.of(
            Kind.TYPE_MISMATCH,
            replace("qty INTEGER", "qty TEXT"),
            "table part: column qty: type INTEGER expected, TEXT found"),
        Arguments.of(
            Kind.NULLABILITY_MISMATCH,
            replace("body TEXT", "body TEXT NOT NULL"),
            "table note: column body: nullability NULL expected, NOT NULL found"),
        Arguments.of(
            Kind.DEFAULT_MISMATCH,
            replace("DEFAULT 0", "DEFAULT 1"),
            "table part: column qty: default 0 expected, 1 found"),
        Arguments.of(
            Kind.DEFAULT_MISMATCH,
            replace(" DEFAULT 0", ""),
            "table part: column qty: default 0 expected, none found"),
        Arguments.of(
            Kind.COLLATION_MISMATCH,
            replace(" COLLATE NOCASE", ""),
            "table category: column name: collation NOCASE expected, BINARY found"),
        Arguments.of(
            Kind.GENERATED_MISMATCH,
            replace("(qty * 2) VIRTUAL", "(qty * 3) VIRTUAL"),
            "table part: column total: generated AS (qty * 2) VIRTUAL expected, AS (qty * 3)"
                + " VIRTUAL found"),
        Arguments.of(
            Kind.PRIMARY_KEY_MISMATCH,
            // NOT NULL as the rowid alias was, so that only the key differs
            replace("id INTEGER PRIMARY KEY, body", "id INTEGER NOT NULL, body"),
            "table note: primary key (id) expected, none found"),
        Arguments.of(
            Kind.ON_CONFLICT_MISMATCH,
            replace("qty INTEGER NOT NULL", "qty INTEGER NOT NULL ON CONFLICT IGNORE"),
            "table part: column qty: NOT NULL ON CONFLICT ABORT expected, IGNORE found"),
        Arguments.of(
            Kind.ON_CONFLICT_MISMATCH,
            replace("NOT NULL PRIMARY KEY,", "NOT NULL PRIMARY KEY ON CONFLICT REPLACE,"),
            "table part: primary key ON CONFLICT ABORT expected, REPLACE found"),
        Arguments.of(
            Kind.ON_CONFLICT_MISMATCH,
            replace("NOCASE UNIQUE", "NOCASE UNIQUE ON CONFLICT REPLACE"),
            "table category: unique (name) ON CONFLICT ABORT expected, REPLACE found"),
        Arguments.of(
            Kind.AUTOINCREMENT_MISMATCH,
            replace(" AUTOINCREMENT", ""),
            "table category: AUTOINCREMENT yes expected, no found"),
        Arguments.of(
            Kind.TABLE_OPTIONS_MISMATCH,
            replace("VIRTUAL)", "VIRTUAL) WITHOUT ROWID"),
            "table part: options none expected, WITHOUT ROWID found"),
        Arguments.of(
            Kind.MISSING_CHECK,
            replace(" CHECK (qty >= 0)", ""),
            "table part: check (qty >= 0): missing"),
        Arguments.of(
            Kind.EXTRA_CHECK,
            replace("body TEXT", "body TEXT CHECK (length(body) < 100)"),
            "table note: check (length(body) < 100): not expected"),
        Arguments.of(
            Kind.MISSING_UNIQUE,
            replace(" NOCASE UNIQUE", " NOCASE"),
            "table category: unique (name): missing"),
        Arguments.of(
            Kind.EXTRA_UNIQUE,
            replace("body TEXT", "body TEXT UNIQUE"),
            "table note: unique (body): not expected"),
        Arguments.of(
            Kind.MISSING_FOREIGN_KEY,
            replace(" REFERENCES category(id) ON DELETE CASCADE", ""),
            "table part: foreign key (category_id): missing,"
                + " expected REFERENCES category(id) ON DELETE CASCADE ON UPDATE NO ACTION"),
        Arguments.of(
            Kind.EXTRA_FOREIGN_KEY,
            replace("part_sku TEXT", "part_sku TEXT REFERENCES part(sku)"),
            "table note: foreign key (part_sku): not expected,"
                + " found REFERENCES part(sku) ON DELETE NO ACTION ON UPDATE NO ACTION"),
        Arguments.of(
            Kind.FOREIGN_KEY_MISMATCH,
            replace("ON DELETE CASCADE", "ON DELETE SET NULL"),
            "table part: foreign key (category_id) REFERENCES category(id) ON DELETE CASCADE ON"
                + " UPDATE NO ACTION expected, REFERENCES category(id) ON DELETE SET NULL ON UPDATE"
                + " NO ACTION found"),
        Arguments.of(
            Kind.FOREIGN_KEY_DEFERRAL_MISMATCH,
            replace("ON DELETE CASCADE", "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"),
            "table part: foreign key (category_id): deferral IMMEDIATE expected, DEFERRED found"),
        Arguments.of(
            Kind.MISSING_INDEX,
            replace(EXPECTED.get(3), ""),
            "table part: index ix_part_category: missing, expected (category_id)"),
        Arguments.of(
            Kind.EXTRA_INDEX,
            plus("CREATE UNIQUE INDEX ux_note_body ON note(body)"),
            "table note: index ux_note_body: not expected, found UNIQUE (body)"),
        Arguments.of(
            Kind.INDEX_MISMATCH,
            replace("part(category_id)", "part(category_id DESC) WHERE category_id IS NOT NULL"),
            "table part: index ix_part_category (category_id) expected,"
                + " (category_id DESC) WHERE category_id IS NOT NULL found"),
        Arguments.of(Kind.MISSING_VIEW, replace(EXPECTED.get(4), ""), "view stock: missing"),
        Arguments.of(
            Kind.EXTRA_VIEW,
            plus("CREATE VIEW empty_part AS SELECT sku FROM part WHERE qty = 0"),
            "view empty_part: not expected"),
        Arguments.of(
            Kind.VIEW_MISMATCH,
            replace("SELECT sku, qty FROM", "SELECT sku FROM"),
            "view stock: definition CREATE VIEW stock AS SELECT sku, qty FROM part expected,"
                + " CREATE VIEW stock AS SELECT sku FROM part found"),
        Arguments.of(
            Kind.MISSING_TRIGGER, replace(EXPECTED.get(5), ""), "trigger part_audit: missing"),
        Arguments.of(
            Kind.EXTRA_TRIGGER,
            plus("CREATE TRIGGER note_guard BEFORE DELETE ON note BEGIN SELECT RAISE(IGNORE); END"),
            "trigger note_guard: not expected"),
        Arguments.of(
            Kind.TRIGGER_MISMATCH,
            replace("AFTER DELETE", "BEFORE DELETE"),
            "trigger part_audit: definition CREATE TRIGGER part_audit AFTER DELETE ON part BEGIN"
                + " DELETE FROM note WHERE part_sku = old.sku; END expected, CREATE TRIGGER"
                + " part_audit BEFORE DELETE ON part BEGIN DELETE FROM note WHERE part_sku ="
                + " old.sku; END found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detectsAndRendersEachKindOfDrift(Kind kind, List<String> actualDdl, String rendered)
      throws Exception {
    SchemaDiff diff = driftOf(actualDdl);
    assertEquals(rendered, diff.render());
    assertEquals(List.of(kind), diff.items().stream().map(Drift::kind).toList());
    covered.add(kind);
  }

  @AfterAll
  static void everyKindHasACase() {
    // Only meaningful when the whole class ran; a filtered run covers fewer kinds.
    if (covered.size() > 1) {
      assertEquals(EnumSet.allOf(Kind.class), covered, "kinds without a drift case");
    }
  }

  @Test
  void theBlindSpotsOfRoomAreAllReported() throws Exception {
    List<String> actual =
        EXPECTED.stream()
            .map(s -> s.replace(" AUTOINCREMENT", "").replace(" COLLATE NOCASE", ""))
            .map(s -> s.replace("CHECK (qty >= 0)", "CHECK (qty > 0)"))
            .filter(s -> !s.startsWith("CREATE TRIGGER"))
            .toList();
    SchemaDiff diff = driftOf(actual);
    assertEquals(
        String.join(
            "\n",
            "table category: column name: collation NOCASE expected, BINARY found",
            "table category: AUTOINCREMENT yes expected, no found",
            "table part: check (qty >= 0): missing",
            "table part: check (qty > 0): not expected",
            "trigger part_audit: missing"),
        diff.render());
  }

  @Test
  void cosmeticDifferencesAreNotDrift() throws Exception {
    List<String> cosmetic =
        List.of(
            // keyword case, quoting styles, comments, line breaks, table-level CHECK, implicit
            // parent key
            "create table \"category\" (\n  [id] integer primary key autoincrement, -- the key\n"
                + "  `name` text not null collate nocase unique\n)",
            "CREATE TABLE IF NOT EXISTS part (\n  \"sku\" TEXT NOT NULL PRIMARY KEY,\n"
                + "  category_id INTEGER REFERENCES \"category\" ON DELETE CASCADE,\n"
                + "  qty INTEGER NOT NULL DEFAULT 0,\n"
                + "  total INTEGER GENERATED ALWAYS AS ( qty*2 ) VIRTUAL,\n"
                + "  /* moved to table level */ CONSTRAINT qty_not_negative CHECK(qty>=0))",
            "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, part_sku TEXT)",
            "create index ix_part_category on [part] ( category_id asc )",
            "create view if not exists stock as\n  select \"SKU\",qty\n  from part",
            "CREATE TRIGGER part_audit after delete on part\nbegin\n"
                + "  delete from note where part_sku=old.sku;\nend");
    SchemaDiff diff = driftOf(cosmetic);
    assertTrue(diff.isEmpty(), diff.render());
    assertEquals("", diff.render());
  }

  /** Uses each operator and join that has a second spelling, in every place SQL is compared. */
  static final List<String> OPERATORS =
      List.of(
          "CREATE TABLE part (sku TEXT PRIMARY KEY, qty INTEGER CHECK (qty != -1))",
          "CREATE TABLE note (id INTEGER PRIMARY KEY, sku TEXT)",
          "CREATE INDEX ix_part_empty ON part(qty = 0) WHERE qty != 1",
          "CREATE VIEW stock AS SELECT p.sku, n.id FROM part p JOIN note n ON n.sku = p.sku"
              + " LEFT JOIN note m ON m.sku != p.sku",
          "CREATE TRIGGER part_audit AFTER DELETE ON part WHEN old.qty != 0"
              + " BEGIN DELETE FROM note WHERE sku = old.sku; END");

  @Test
  void otherSpellingsOfTheSameOperatorsJoinsAndTriggersAreNotDrift() throws Exception {
    List<String> respelled =
        OPERATORS.stream()
            .map(s -> s.replace("!=", "<>").replace(" = ", " == ").replace("(qty = 0)", "(qty==0)"))
            .map(
                s ->
                    s.replace(" JOIN note n", " INNER JOIN note n")
                        .replace("LEFT JOIN", "LEFT OUTER JOIN"))
            .map(s -> s.replace("ON part WHEN", "ON part FOR EACH ROW WHEN"))
            .toList();
    assertEquals(
        List.of(OPERATORS.get(1)), respelled.stream().filter(OPERATORS::contains).toList());
    SchemaDiff diff = driftBetween(OPERATORS, respelled);
    assertTrue(diff.isEmpty(), diff.render());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realOperatorChanges")
  void anotherOperatorOrJoinIsStillDrift(String from, String to, List<Kind> kinds)
      throws Exception {
    List<String> changed = OPERATORS.stream().map(s -> s.replace(from, to)).toList();
    assertTrue(!changed.equals(OPERATORS), "not in the DDL: " + from);
    assertEquals(
        kinds, driftBetween(OPERATORS, changed).items().stream().map(Drift::kind).toList());
  }

  static Stream<Arguments> realOperatorChanges() {
    return Stream.of(
        Arguments.of("qty != -1", "qty < -1", List.of(Kind.MISSING_CHECK, Kind.EXTRA_CHECK)),
        Arguments.of("(qty = 0)", "(qty <= 0)", List.of(Kind.INDEX_MISMATCH)),
        Arguments.of("WHERE qty != 1", "WHERE qty = 1", List.of(Kind.INDEX_MISMATCH)),
        Arguments.of(" JOIN note n", " LEFT JOIN note n", List.of(Kind.VIEW_MISMATCH)),
        Arguments.of("LEFT JOIN", "JOIN", List.of(Kind.VIEW_MISMATCH)),
        Arguments.of("old.qty != 0", "old.qty < 0", List.of(Kind.TRIGGER_MISMATCH)),
        Arguments.of(
            "AFTER DELETE ON part", "AFTER DELETE ON note", List.of(Kind.TRIGGER_MISMATCH)));
  }

  static final String FTS = "CREATE VIRTUAL TABLE part_search USING fts5(sku, body)";

  @Test
  void aVirtualTableIsOneTableWithoutItsShadowTables() throws Exception {
    assertEquals("table part_search: not expected", driftOf(plus(FTS)).render());
    assertEquals("table part_search: missing", driftBetween(plus(FTS), EXPECTED).render());
    SchemaDiff respelled =
        driftBetween(
            plus(FTS), plus("create virtual table \"part_search\" using FTS5 ( sku,body )"));
    assertTrue(respelled.isEmpty(), respelled.render());
  }

  @Test
  void aVirtualTableDiffersByItsModuleArgumentsAndColumns() throws Exception {
    assertEquals(
        "table part_search: options USING fts5(sku, body) expected,"
            + " USING fts5(sku, body, tokenize = 'porter') found",
        driftBetween(plus(FTS), plus(FTS.replace("body)", "body, tokenize='porter')"))).render());
    assertEquals(
        "table part_search: options USING fts5(sku, body) expected, none found",
        driftBetween(plus(FTS), plus("CREATE TABLE part_search (sku, body)")).render());
    assertEquals(
        List.of(Kind.MISSING_COLUMN, Kind.TABLE_OPTIONS_MISMATCH),
        driftBetween(plus(FTS), plus(FTS.replace(", body", ""))).items().stream()
            .map(Drift::kind)
            .toList());
  }

  @Test
  void spellingsOfTheDefaultBehaviourAreNotDrift() throws Exception {
    List<String> defaults =
        EXPECTED.stream()
            .map(s -> s.replace("NOT NULL DEFAULT 0", "NOT NULL ON CONFLICT ABORT DEFAULT 0"))
            .map(s -> s.replace("NOCASE UNIQUE", "NOCASE UNIQUE ON CONFLICT ABORT"))
            .map(
                s ->
                    s.replace(
                        "ON DELETE CASCADE", "ON DELETE CASCADE NOT DEFERRABLE INITIALLY DEFERRED"))
            .toList();
    SchemaDiff diff = driftOf(defaults);
    assertTrue(diff.isEmpty(), diff.render());
    diff =
        driftOf(replace("ON DELETE CASCADE", "ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE"));
    assertTrue(diff.isEmpty(), diff.render());
  }

  @Test
  void missingPartsShowTheirConflictResolutionAndDeferral() throws Exception {
    List<String> expected =
        List.of(
            "CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT NOT NULL ON CONFLICT REPLACE UNIQUE"
                + " ON CONFLICT IGNORE, parent INTEGER REFERENCES p DEFERRABLE INITIALLY"
                + " DEFERRED)");
    assertEquals(
        String.join(
            "\n",
            "table p: column code: missing, expected TEXT NOT NULL ON CONFLICT REPLACE",
            "table p: column parent: missing, expected INTEGER",
            "table p: unique (code): missing, expected ON CONFLICT IGNORE",
            "table p: foreign key (parent): missing, expected REFERENCES p(id) ON DELETE NO ACTION"
                + " ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED"),
        driftBetween(expected, List.of("CREATE TABLE p (id INTEGER PRIMARY KEY)")).render());
  }

  @Test
  void columnsAddedByAlterTableMatchAFreshTable() throws Exception {
    List<String> migrated = new ArrayList<>(replace(", body TEXT, part_sku TEXT", ""));
    migrated.add("ALTER TABLE note ADD COLUMN part_sku TEXT");
    migrated.add("ALTER TABLE note ADD COLUMN body TEXT");
    SchemaDiff diff = driftOf(migrated);
    assertTrue(diff.isEmpty(), diff.render());
  }

  @Test
  void itemsComeInAFixedOrderWhateverTheCreationOrder() throws Exception {
    List<String> actual =
        Stream.concat(
                Stream.of("CREATE TABLE b_extra (x)", "CREATE TABLE a_extra (x)"),
                replace("body TEXT, ", "").stream().map(s -> s.replace("qty INTEGER", "qty REAL")))
            .collect(Collectors.toCollection(ArrayList::new));
    List<String> reversed = new ArrayList<>(actual.subList(0, 2));
    reversed.add(0, reversed.remove(1));
    reversed.addAll(actual.subList(2, actual.size()));
    String expected =
        String.join(
            "\n",
            "table note: column body: missing, expected TEXT",
            "table part: column qty: type INTEGER expected, REAL found",
            "table a_extra: not expected",
            "table b_extra: not expected");
    assertEquals(expected, driftOf(actual).render());
    assertEquals(expected, driftOf(reversed).render());
  }

  static SchemaDiff driftBetween(List<String> expectedDdl, List<String> actualDdl)
      throws Exception {
    SchemaDefinition entities = () -> expectedDdl;
    return SchemaDiff.compare(
        entities.model(),
        TestDatabases.inspectFile(dir, "case" + files.incrementAndGet(), actualDdl));
  }

  /** Every kind of name in mixed case; {@link #ignoringCase} lowercases them all. */
  static final List<String> MIXED_CASE =
      List.of(
          "CREATE TABLE Category (Id INTEGER PRIMARY KEY, Name TEXT UNIQUE)",
          "CREATE TABLE Part (Sku TEXT, Category_Id INTEGER REFERENCES Category(Id), Label TEXT,"
              + " PRIMARY KEY (Sku, Label), UNIQUE (Category_Id, Label))",
          "CREATE INDEX IX_Part ON Part(Label, Category_Id)",
          "CREATE VIEW Stock AS SELECT Sku FROM Part",
          "CREATE TRIGGER Part_Audit AFTER DELETE ON Part BEGIN SELECT 1; END");

  @ParameterizedTest(name = "{0}")
  @MethodSource("lowercasedNames")
  void namesDifferingOnlyInCaseAreTheSameObject(String what, List<String> actualDdl)
      throws Exception {
    SchemaDiff diff = driftBetween(MIXED_CASE, actualDdl);
    assertTrue(diff.isEmpty(), diff.render());
  }

  static Stream<Arguments> lowercasedNames() {
    return Stream.of(
        Arguments.of("table", ignoringCase("Category")),
        Arguments.of("column", ignoringCase("Name")),
        Arguments.of("index", ignoringCase("IX_Part")),
        Arguments.of("view", ignoringCase("Stock")),
        Arguments.of("trigger", ignoringCase("Part_Audit")),
        Arguments.of("primary key and unique columns", ignoringCase("Sku", "Label")),
        Arguments.of(
            "foreign key columns, parent table and parent columns",
            ignoringCase("Category_Id", "Id")),
        Arguments.of(
            "everything",
            MIXED_CASE.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList()));
  }

  /** {@link #MIXED_CASE} with each of {@code names} in lower case wherever it appears. */
  static List<String> ignoringCase(String... names) {
    return MIXED_CASE.stream()
        .map(
            s -> {
              for (String name : names) {
                s = s.replace(name, name.toLowerCase(java.util.Locale.ROOT));
              }
              return s;
            })
        .toList();
  }

  @Test
  void aRealDifferenceNamesObjectsInTheExpectedSpelling() throws Exception {
    List<String> actual =
        ignoringCase("IX_Part", "Part", "Name", "Sku", "Label").stream()
            .map(
                s ->
                    s.replace("Category_Id INTEGER", "category_id TEXT")
                        .replace("(label, Category_Id)", "(label)"))
            .toList();
    assertEquals(
        String.join(
            "\n",
            "table Part: column Category_Id: type INTEGER expected, TEXT found",
            "table Part: index IX_Part (Label, Category_Id) expected, (label) found"),
        driftBetween(MIXED_CASE, actual).render());
  }

  @Test
  void caseFoldingIsAsciiOnlyAsInSqlite() throws Exception {
    SchemaDiff diff =
        driftBetween(
            List.of("CREATE TABLE t (\"Été\" TEXT)"), List.of("CREATE TABLE t (\"été\" TEXT)"));
    assertEquals(
        List.of(Kind.MISSING_COLUMN, Kind.EXTRA_COLUMN),
        diff.items().stream().map(Drift::kind).toList());
  }

  @Test
  void identicalSchemasHaveNoDrift() throws Exception {
    SchemaDiff diff = driftOf(EXPECTED);
    assertTrue(diff.isEmpty());
    assertEquals(List.of(), diff.items());
  }

  @org.junit.jupiter.api.Test
  void aDeclaredTypeOfTheSameAffinityIsNoDriftOutsideStrictTables() throws Exception {
    SchemaDiff respelled =
        driftOf(
            replace("qty INTEGER", "qty int").stream()
                .map(d -> d.replace("body TEXT", "body VARCHAR(200)"))
                .toList());
    assertTrue(respelled.isEmpty(), respelled.render());

    SchemaDiff strict =
        driftBetween(
            List.of("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER) STRICT"),
            List.of("CREATE TABLE t (id INTEGER PRIMARY KEY, n INT) STRICT"));
    assertEquals("table t: column n: type INTEGER expected, INT found", strict.render().strip());

    SchemaDiff notAnAlias =
        driftOf(replace("note (id INTEGER PRIMARY KEY", "note (id INT PRIMARY KEY"));
    assertTrue(notAnAlias.render().contains("rowid alias"), notAnAlias.render());
  }
}
