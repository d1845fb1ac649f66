package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.Sources.annotated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;

/**
 * The generated schema of a rich entity set (golden/schema/input): composite keys, a
 * self-reference, a reference cycle, AUTOINCREMENT, an enum, reserved words, indexes, a view, a
 * trigger, CHECK, COLLATE, defaults, FK actions and an inherited superclass.
 */
class SchemaGoldenTest {
  static final List<String> INPUTS =
      List.of(
          "Audited",
          "Category",
          "Customer",
          "Order",
          "OrderLine",
          "OrderTotal",
          "Product",
          "Shipment");

  private static Compilation compilation;

  static List<JavaFileObject> inputs() {
    return INPUTS.stream()
        .map(n -> Sources.checkedIn("golden/schema/input/shop/" + n + ".java"))
        .toList();
  }

  @BeforeAll
  static void compile() {
    compilation = Sources.compile(inputs());
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"schema.sql", "schema.json", "schema.mmd"})
  void resourceMatchesGolden(String name) {
    Golden.assertMatches(
        "schema/" + name, Sources.resource(compilation, "META-INF/strata/" + name));
  }

  /** Names Mermaid cannot take bare keep their SQL spelling, and never merge into another's. */
  @Test
  void diagramKeepsNamesThatAreNotPlain() {
    JavaFileObject line =
        annotated(
            "app.Line",
            """
            @Entity(table = "unit price")
            public class Line {
              @Id long id;
              @Column(name = "net amount", sqlType = "DECIMAL(10, 2)") String amount;
            }
            """);
    JavaFileObject other =
        annotated(
            "app.Other",
            """
            @Entity(table = "t_unit_price")
            public class Other {
              @Id long id;
              @References(entity = Line.class) long lineId;
            }
            """);
    Compilation c = Sources.compile(List.of(line, other));
    assertThat(c).succeeded();
    assertEquals(
        """
        erDiagram
            t_unit_price_2["unit price"] {
                INTEGER id PK
                DECIMAL c_net_amount "net amount DECIMAL(10, 2)"
            }
            t_unit_price {
                INTEGER id PK
                INTEGER line_id FK
            }
            t_unit_price_2 ||--o{ t_unit_price : "line_id"
        """,
        Sources.resource(c, "META-INF/strata/schema.mmd"));
  }

  @Test
  void sourceMatchesGolden() {
    Golden.assertMatches(
        "schema/StrataSchema.java", Sources.generatedSource(compilation, "shop.StrataSchema"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ProductFixture", "OrderLineFixture", "CategoryFixture", "StrataFixtures"})
  void fixtureSourceMatchesGolden(String name) {
    Golden.assertMatches(
        "schema/" + name + ".java", Sources.generatedSource(compilation, "shop." + name));
  }

  @Test
  void registersTheSchemaAsAService() {
    assertEquals(
        "shop.StrataSchema\n",
        Sources.resource(compilation, "META-INF/services/dev.strata.spi.SchemaDefinition"));
  }

  @Test
  void createsOnARealFileExactlyAsModelled(@TempDir Path dir) throws SQLException {
    SchemaDefinition schema =
        new GeneratedClasses(compilation).newInstance("shop.StrataSchema", SchemaDefinition.class);
    try (Connection connection = open(dir)) {
      schema.create(connection);
      SchemaDiff diff = SchemaDiff.compare(schema.model(), SchemaInspector.inspect(connection));
      assertTrue(diff.isEmpty(), diff::render);
    }
  }

  @Test
  void constraintsHoldOnARealFile(@TempDir Path dir) throws SQLException {
    SchemaDefinition schema =
        new GeneratedClasses(compilation).newInstance("shop.StrataSchema", SchemaDefinition.class);
    try (Connection connection = open(dir);
        Statement sql = connection.createStatement()) {
      schema.create(connection);
      sql.execute("INSERT INTO customer (email, name) VALUES ('A@x.org', 'Ann')");
      sql.execute(
          "INSERT INTO \"order\" (customer_id, \"group\", placed_on) VALUES (1, 'web',"
              + " '2026-11-21')");
      assertEquals("OPEN", single(sql, "SELECT status FROM \"order\""), "enum default");
      assertThrows(
          SQLException.class,
          () -> sql.execute("UPDATE \"order\" SET status = 'LOST'"),
          "enum CHECK");
      assertThrows(
          SQLException.class,
          () -> sql.execute("INSERT INTO customer (email, name) VALUES ('a@X.org', 'Dup')"),
          "UNIQUE NOCASE");
      sql.execute("UPDATE \"order\" SET status = 'PAID'");
      assertEquals(1, single(sql, "SELECT vip FROM customer"), "trigger");
      assertThrows(
          SQLException.class,
          () ->
              sql.execute(
                  "INSERT INTO order_line (order_id, line_no, product_id) VALUES (99, 1, 1)"),
          "FK");
      sql.execute("DELETE FROM customer");
      assertEquals(0, single(sql, "SELECT count(*) FROM \"order\""), "ON DELETE CASCADE");
    }
  }

  private static Connection open(Path dir) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    return config.createConnection("jdbc:sqlite:" + dir.resolve("shop.db"));
  }

  private static Object single(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getObject(1);
    }
  }
}
