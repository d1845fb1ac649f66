package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.spi.SchemaDefinition;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Generated fixtures on real SQLite files: defaults, parents, keys, overrides, populate, and the
 * messages of CHECK and trigger failures. Each scenario is a small driver class compiled with the
 * entities, so that it calls the fixtures as a user's test would.
 */
class FixtureTest {
  @TempDir Path dir;

  private static final String SHOP_DRIVER =
      """

      import java.sql.Connection;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;

      public final class Driver {
        public static List<Object> insertAll(Connection c) {
          List<Object> out = new ArrayList<>();
          out.add(ProductFixture.of().insert(c));
          OrderLineFixture.Key line = OrderLineFixture.of().insert(c);
          out.add(line.orderId());
          out.add(line.lineNo());
          out.add(ShipmentFixture.of().carrier("DHL").insert(c).toString());
          long root = CategoryFixture.of().insert(c);
          out.add(root);
          out.add(CategoryFixture.of().name("Explicit").parentId(root).insert(c));
          out.add(CategoryFixture.of(7).build().name());
          return out;
        }

        public static String badCheck(Connection c) {
          try {
            CategoryFixture.of().name("").insert(c);
            return "no failure";
          } catch (dev.strata.fixture.FixtureException e) {
            return e.getMessage();
          }
        }

        public static Map<String, Integer> populate(Connection c, int rows) {
          return StrataFixtures.populate(
              c,
              rows,
              StrataFixtures.Customizer.none().customer((row, f) -> f.name("Customer " + row)));
        }
      }
      """;

  private Connection open(String name) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    return config.createConnection("jdbc:sqlite:" + dir.resolve(name));
  }

  private static Object call(Compilation compilation, String method, Object... args)
      throws Exception {
    return callIn(compilation, "shop.Driver", method, args);
  }

  private static Compilation shop() {
    List<JavaFileObject> inputs = new ArrayList<>(SchemaGoldenTest.inputs());
    inputs.add(Sources.source("shop.Driver", SHOP_DRIVER));
    Compilation compilation = Sources.compile(inputs);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static void create(Compilation compilation, String pkg, Connection c)
      throws SQLException {
    new GeneratedClasses(compilation)
        .newInstance(pkg + ".StrataSchema", SchemaDefinition.class)
        .create(c);
  }

  @Test
  void insertCreatesParentsReturnsKeysAndKeepsExplicitValues() throws Exception {
    Compilation compilation = shop();
    try (Connection c = open("shop.db")) {
      create(compilation, "shop", c);
      @SuppressWarnings("unchecked")
      List<Object> out = (List<Object>) call(compilation, "insertAll", c);
      assertEquals(1L, out.get(0), "generated id of the first product");
      assertEquals(1L, out.get(1), "order id of the composite key");
      assertEquals(UUID.class, UUID.fromString((String) out.get(3)).getClass());
      long root = (Long) out.get(4);
      long child = (Long) out.get(5);
      assertEquals("Explicit", single(c, "SELECT name FROM category WHERE id = " + child));
      assertEquals(
          root,
          ((Number) single(c, "SELECT parent_id FROM category WHERE id = " + child)).longValue());
      assertEquals(null, single(c, "SELECT parent_id FROM category WHERE id = " + root));
      assertEquals("DHL", single(c, "SELECT carrier FROM shipment"));
      assertEquals("name-7", out.get(6), "build() of row 7");
      // The shipment made an order line, which made an order (and its customer) and a product.
      assertEquals(2, single(c, "SELECT count(*) FROM order_line"));
      assertEquals(2, single(c, "SELECT count(*) FROM \"order\""));
      assertEquals(2, single(c, "SELECT count(*) FROM customer"));
      assertEquals(3, single(c, "SELECT count(*) FROM product"));
      assertEquals("OPEN", single(c, "SELECT status FROM \"order\" LIMIT 1"), "DDL default");
      assertFalse(hasRows(c, "PRAGMA foreign_key_check"));
    }
  }

  @Test
  void checkFailureNamesTableColumnSqlAndSetter() throws Exception {
    Compilation compilation = shop();
    try (Connection c = open("check.db")) {
      create(compilation, "shop", c);
      String message = (String) call(compilation, "badCheck", c);
      assertTrue(message.contains("table category"), message);
      assertTrue(message.contains("column name"), message);
      assertTrue(message.contains("CHECK (length(name) > 0)"), message);
      assertTrue(message.contains("CategoryFixture.name(...)"), message);
      assertFalse(message.contains("SQLITE_CONSTRAINT"), message);
    }
  }

  @Test
  void populateFillsEveryTableInForeignKeyOrder() throws Exception {
    Compilation compilation = shop();
    try (Connection c = open("populate.db")) {
      create(compilation, "shop", c);
      @SuppressWarnings("unchecked")
      Map<String, Integer> counts = (Map<String, Integer>) call(compilation, "populate", c, 500);
      assertEquals(
          List.of("category", "product", "customer", "order", "order_line", "shipment"),
          List.copyOf(counts.keySet()));
      counts.values().forEach(n -> assertEquals(500, n));
      assertTrue(c.getAutoCommit(), "auto-commit restored");
      assertEquals(500, single(c, "SELECT count(*) FROM shipment"));
      assertEquals(
          "Customer 3", single(c, "SELECT name FROM customer ORDER BY id LIMIT 1 OFFSET 3"));
      assertFalse(hasRows(c, "PRAGMA foreign_key_check"));
    }
  }

  @Test
  void uniqueColumnsDoNotCollideOver100000Rows() throws Exception {
    Compilation compilation =
        Sources.compile(
            List.of(
                Sources.annotated(
                    "tags.Tag",
                    """
                    import java.time.*;
                    import java.util.UUID;
                    @Entity
                    public class Tag {
                      @Id(autoIncrement = true) long id;
                      @Column(unique = true, nullable = Nullability.NOT_NULL) String label;
                      @Column(unique = true) UUID code;
                      @Column(unique = true) LocalDate day;
                      @Column(unique = true) Instant at;
                    }
                    """),
                Sources.source(
                    "tags.Driver",
                    """
                    public final class Driver {
                      public static Object populate(java.sql.Connection c, int rows) {
                        return StrataFixtures.populate(c, rows);
                      }
                    }
                    """)));
    assertThat(compilation).succeededWithoutWarnings();
    try (Connection c = open("tags.db")) {
      create(compilation, "tags", c);
      long start = System.nanoTime();
      Object counts = callIn(compilation, "tags.Driver", "populate", c, 100_000);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("populate 100,000 rows of tag: " + ms + " ms");
      assertEquals(Map.of("tag", 100_000), counts);
      assertEquals(100_000, single(c, "SELECT count(DISTINCT label) FROM tag"));
      assertEquals(100_000, single(c, "SELECT count(DISTINCT day) FROM tag"));
    }
  }

  @Test
  void everySupportedTypeGetsAValidDefault() throws Exception {
    Compilation compilation =
        Sources.compile(
            List.of(
                Sources.annotated("types.AllTypes", TypeMappingTableTest.ENTITY),
                Sources.source(
                    "types.Driver",
                    """
                    public final class Driver {
                      public static Object run(java.sql.Connection c) {
                        AllTypesFixture.of().insert(c);
                        return StrataFixtures.populate(c, 1000);
                      }
                    }
                    """)));
    assertThat(compilation).succeededWithoutWarnings();
    try (Connection c = open("types.db")) {
      create(compilation, "types", c);
      callIn(compilation, "types.Driver", "run", c);
      assertEquals(1001, single(c, "SELECT count(*) FROM all_types"));
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT instant, local_date, offset_date_time, uuid, big_decimal, mood, p_boolean"
                      + " FROM all_types")) {
        while (rs.next()) {
          Instant.parse(rs.getString(1));
          LocalDate.parse(rs.getString(2));
          OffsetDateTime.parse(rs.getString(3));
          UUID.fromString(rs.getString(4));
          new BigDecimal(rs.getString(5));
          assertTrue(List.of("HAPPY", "SAD").contains(rs.getString(6)));
          assertTrue(rs.getInt(7) == 0 || rs.getInt(7) == 1);
        }
      }
    }
  }

  @Test
  void triggerAbortNamesTheTriggerAndWhatToSet() throws Exception {
    Compilation compilation =
        Sources.compile(
            List.of(
                Sources.annotated(
                    "items.Item",
                    """
                    @Entity
                    @Trigger(name = "item_not_too_big", sql = "CREATE TRIGGER item_not_too_big"
                        + " BEFORE INSERT ON item WHEN NEW.size > 5"
                        + " BEGIN SELECT RAISE(ABORT, 'item too big'); END")
                    public class Item {
                      @Id(autoIncrement = true) long id;
                      int size;
                    }
                    """),
                Sources.source(
                    "items.Driver",
                    """
                    public final class Driver {
                      public static String run(java.sql.Connection c) {
                        ItemFixture.of(3).insert(c);
                        try {
                          ItemFixture.of(10).insert(c);
                          return "no failure";
                        } catch (dev.strata.fixture.FixtureException e) {
                          return e.getMessage();
                        }
                      }
                    }
                    """)));
    assertThat(compilation).succeededWithoutWarnings();
    try (Connection c = open("items.db")) {
      create(compilation, "items", c);
      String message = (String) callIn(compilation, "items.Driver", "run", c);
      assertTrue(message.contains("table item"), message);
      assertTrue(message.contains("trigger item_not_too_big"), message);
      assertTrue(message.contains("RAISE(ABORT, 'item too big')"), message);
      assertTrue(message.contains("ItemFixture.size(...)"), message);
    }
  }

  /**
   * The keys populate hands to child rows are the ones SQLite generated, also when some rows set
   * their key (the old read-back of the largest keys shifted every later row) and when a trigger
   * writes other rows during the insert (the change count no longer vouches for consecutive keys,
   * so they are read back).
   */
  @Test
  void populateGivesChildrenTheKeysTheirParentsGot() throws Exception {
    Compilation compilation =
        Sources.compile(
            List.of(
                Sources.annotated(
                    "notes.Folder",
                    """
                    @Entity
                    public class Folder {
                      @Id(autoIncrement = true) long id;
                      @Column(nullable = Nullability.NOT_NULL) String label;
                    }
                    """),
                Sources.annotated(
                    "notes.Note",
                    """
                    @Entity
                    @Index(columns = "folder_id")
                    public class Note {
                      @Id(autoIncrement = true) long id;
                      @Column(nullable = Nullability.NOT_NULL) String label;
                      @References(entity = Folder.class) long folderId;
                    }
                    """),
                Sources.source(
                    "notes.Driver",
                    """
                    public final class Driver {
                      public static Object populate(java.sql.Connection c, int rows) {
                        return StrataFixtures.populate(
                            c,
                            rows,
                            StrataFixtures.Customizer.none()
                                .folder(
                                    (row, f) -> {
                                      f.label("r" + row);
                                      if (row % 700 == 3) {
                                        f.id(1_000_000 + row);
                                      }
                                    })
                                .note((row, f) -> f.label("r" + row)));
                      }
                    }
                    """)));
    assertThat(compilation).succeededWithoutWarnings();
    String mismatched =
        "SELECT count(*) FROM note JOIN folder ON folder.id = note.folder_id"
            + " WHERE folder.label <> note.label";
    try (Connection c = open("notes.db")) {
      create(compilation, "notes", c);
      callIn(compilation, "notes.Driver", "populate", c, 2500);
      assertEquals(2500, single(c, "SELECT count(*) FROM note"));
      assertEquals(0, single(c, mismatched));
      assertEquals(
          1_000_003L,
          ((Number) single(c, "SELECT min(id) FROM folder WHERE id > 5000")).longValue());
    }
    try (Connection c = open("audited.db")) {
      create(compilation, "notes", c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE audit (what TEXT)");
        s.execute(
            "CREATE TRIGGER folder_audit AFTER INSERT ON folder"
                + " BEGIN INSERT INTO audit VALUES (NEW.label); END");
      }
      callIn(compilation, "notes.Driver", "populate", c, 1500);
      assertEquals(1500, single(c, "SELECT count(*) FROM audit"));
      assertEquals(0, single(c, mismatched));
    }
  }

  @Test
  void optionFalseGeneratesNoFixtures() {
    Compilation compilation = Sources.compile(SchemaGoldenTest.inputs(), "-Astrata.fixtures=false");
    assertThat(compilation).succeeded();
    assertTrue(
        compilation.generatedSourceFiles().stream()
            .noneMatch(f -> f.getName().contains("Fixture")));
  }

  private static Object callIn(Compilation compilation, String type, String method, Object... args)
      throws Exception {
    Class<?> driver = new GeneratedClasses(compilation).loadClass(type);
    for (java.lang.reflect.Method m : driver.getMethods()) {
      if (m.getName().equals(method)) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    }
    throw new AssertionError("no method " + method);
  }

  private static Object single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getObject(1);
    }
  }

  private static boolean hasRows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }
}
