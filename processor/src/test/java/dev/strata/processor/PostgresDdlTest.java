package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.schema.PostgresInspector;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaModel;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL DDL of a rich entity set (golden/postgres/input): every mapped type, an enum,
 * boolean defaults, NOCASE and BINARY, composite keys, a composite foreign key with actions, int
 * and long identities, a reserved word, views with and without {@code @View.Sql}, and a trigger in
 * both dialects. Golden files, then run on a real PostgreSQL server and read back.
 */
class PostgresDdlTest {
  static final String TARGET_BOTH = "-Astrata.dialects=sqlite,postgresql";
  static final List<String> INPUTS =
      List.of("ActiveMember", "Member", "Membership", "Note", "Team", "TeamSize");

  private static Compilation compilation;

  static List<JavaFileObject> inputs() {
    return INPUTS.stream()
        .map(n -> Sources.checkedIn("golden/postgres/input/club/" + n + ".java"))
        .toList();
  }

  @BeforeAll
  static void compile() {
    compilation = Sources.compile(inputs(), TARGET_BOTH);
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void ddlMatchesGolden() {
    Golden.assertMatches(
        "postgres/schema.postgresql.sql",
        Sources.resource(compilation, "META-INF/strata/schema.postgresql.sql"));
    Golden.assertMatches(
        "postgres/schema.sql", Sources.resource(compilation, "META-INF/strata/schema.sql"));
  }

  @Test
  void sourceMatchesGolden() {
    Golden.assertMatches(
        "postgres/StrataSchema.java", Sources.generatedSource(compilation, "club.StrataSchema"));
  }

  @Test
  void schemaHandsOutEachDialectsStatements() {
    SchemaDefinition schema = schema(compilation, "club.StrataSchema");
    assertEquals(Set.of(Dialect.SQLITE, Dialect.POSTGRESQL), schema.dialects());
    assertEquals(schema.statements(), schema.statements(Dialect.SQLITE));
    assertEquals(
        "CREATE COLLATION IF NOT EXISTS strata_nocase (provider = icu,"
            + " locale = 'und-u-ks-level2', deterministic = false)",
        schema.statements(Dialect.POSTGRESQL).get(0));
  }

  /** The schema read back from the server equals the one its DDL describes: no false drift. */
  @Test
  void runsOnPostgresWithoutDrift() throws SQLException {
    SchemaDefinition schema = schema(compilation, "club.StrataSchema");
    try (Connection connection = PostgresServer.freshSchema()) {
      schema.create(connection);
      SchemaModel live = PostgresInspector.inspect(connection, Set.of());
      SchemaModel expected =
          PostgresInspector.inspect(connection, schema.statements(Dialect.POSTGRESQL));
      SchemaDiff diff = SchemaDiff.compare(expected, live);
      assertTrue(diff.items().isEmpty(), diff::render);
      assertEquals(6, live.tables().size() + live.views().size(), "tables and views");
    }
  }

  @Test
  void columnsHaveNativeTypes() throws SQLException {
    SchemaDefinition schema = schema(compilation, "club.StrataSchema");
    try (Connection connection = PostgresServer.freshSchema()) {
      schema.create(connection);
      Map<String, String> types = new LinkedHashMap<>();
      try (Statement sql = connection.createStatement();
          ResultSet rs =
              sql.executeQuery(
                  "SELECT column_name, data_type FROM information_schema.columns"
                      + " WHERE table_schema = current_schema() AND table_name = 'member'"
                      + " ORDER BY ordinal_position")) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("id", "bigint");
      expected.put("name", "text");
      expected.put("code", "text");
      expected.put("active", "boolean");
      expected.put("banned", "boolean");
      expected.put("tier", "text");
      expected.put("order", "integer");
      expected.put("level", "smallint");
      expected.put("rank", "smallint");
      expected.put("visits", "integer");
      expected.put("ratio", "real");
      expected.put("score", "double precision");
      expected.put("balance", "numeric");
      expected.put("token", "uuid");
      expected.put("joined_at", "timestamp with time zone");
      expected.put("seen_at", "timestamp with time zone");
      expected.put("born", "date");
      expected.put("local_seen", "timestamp without time zone");
      expected.put("wakes", "time without time zone");
      expected.put("sleeps", "time with time zone");
      expected.put("zoned", "text");
      expected.put("nap_length", "text");
      expected.put("since", "text");
      expected.put("photo", "bytea");
      expected.put("fee", "numeric");
      expected.put("created_at", "timestamp with time zone");
      assertEquals(expected, types);
    }
  }

  /** The mapped constraints hold on the server: defaults, NOCASE, the enum CHECK, the trigger. */
  @Test
  void constraintsHoldOnPostgres() throws SQLException {
    SchemaDefinition schema = schema(compilation, "club.StrataSchema");
    try (Connection connection = PostgresServer.freshSchema();
        Statement sql = connection.createStatement()) {
      schema.create(connection);
      sql.execute(
          "INSERT INTO member (name, \"order\", level, rank, ratio) VALUES ('Ann', 1, 1, 1, 1)");
      assertEquals(
          "true false FREE 0.00",
          single(sql, "SELECT active || ' ' || banned || ' ' || tier || ' ' || fee FROM member"));
      assertThrows(
          SQLException.class,
          () ->
              sql.execute(
                  "INSERT INTO member (name, \"order\", level, rank, ratio)"
                      + " VALUES ('ANN', 2, 1, 1, 1)"),
          "UNIQUE under the case-insensitive collation");
      assertThrows(
          SQLException.class, () -> sql.execute("UPDATE member SET tier = 'LOST'"), "enum CHECK");
      sql.execute("UPDATE member SET visits = 0");
      sql.execute("UPDATE member SET name = 'Anna'");
      assertEquals(1, single(sql, "SELECT visits FROM member"), "trigger");
      assertEquals(1L, single(sql, "SELECT count(*) FROM active_member"), "view");
    }
  }

  static SchemaDefinition schema(Compilation compilation, String name) {
    return new GeneratedClasses(compilation).newInstance(name, SchemaDefinition.class);
  }

  private static Object single(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getObject(1);
    }
  }
}
