package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.testing.compile.Compilation;
import dev.strata.spi.SchemaDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;

/**
 * Every supported Java type: the column type the processor declares, the nullability it infers, and
 * a value written through JDBC into a real SQLite file and read back unchanged.
 */
class TypeMappingTableTest {
  /** The entity with a field of every supported type; {@code Mood} stands for every enum. */
  static final String ENTITY =
      """
      import java.math.*;
      import java.time.*;
      import java.util.UUID;
      @Entity
      public class AllTypes {
        public enum Mood { HAPPY, SAD }
        @Id long id;
        byte pByte; Byte bByte; short pShort; Short bShort;
        int pInt; Integer bInt; long pLong; Long bLong;
        float pFloat; Float bFloat; double pDouble; Double bDouble;
        boolean pBoolean; Boolean bBoolean;
        String string; byte[] bytes; BigDecimal bigDecimal; UUID uuid; Mood mood;
        Duration duration; Instant instant; LocalDate localDate; LocalDateTime localDateTime;
        LocalTime localTime; MonthDay monthDay; OffsetDateTime offsetDateTime; OffsetTime \
      offsetTime;
        Period period; Year year; YearMonth yearMonth; ZonedDateTime zonedDateTime;
        ZoneId zoneId; ZoneOffset zoneOffset;
        @Column(nullable = Nullability.NULLABLE) int optionalInt;
        @Column(nullable = Nullability.NOT_NULL) String requiredString;
        @Column(sqlType = "NUMERIC") BigInteger bigInteger;
        @Transient Object notAColumn;
      }
      """;

  /** A stand-in for the generated enum, so that values can be built here. */
  enum Mood {
    HAPPY,
    SAD
  }

  @TempDir static Path dir;
  private static Connection connection;

  static Stream<Arguments> rows() {
    return Stream.of(
        arguments("long (key)", "id", "INTEGER", true, 1L),
        arguments("byte", "p_byte", "INTEGER", true, (byte) -7),
        arguments("Byte", "b_byte", "INTEGER", false, (byte) 7),
        arguments("short", "p_short", "INTEGER", true, (short) -300),
        arguments("Short", "b_short", "INTEGER", false, (short) 300),
        arguments("int", "p_int", "INTEGER", true, Integer.MIN_VALUE),
        arguments("Integer", "b_int", "INTEGER", false, Integer.MAX_VALUE),
        arguments("long", "p_long", "INTEGER", true, Long.MIN_VALUE),
        arguments("Long", "b_long", "INTEGER", false, Long.MAX_VALUE),
        arguments("float", "p_float", "REAL", true, 1.5f),
        arguments("Float", "b_float", "REAL", false, -0.25f),
        arguments("double", "p_double", "REAL", true, Math.PI),
        arguments("Double", "b_double", "REAL", false, -1e300),
        arguments("boolean", "p_boolean", "INTEGER", true, true),
        arguments("Boolean", "b_boolean", "INTEGER", false, false),
        arguments("String", "string", "TEXT", false, "Grüße, 'quoted' \"text\" ✓"),
        arguments("byte[]", "bytes", "BLOB", false, new byte[] {0, 1, -1, 127, -128}),
        arguments(
            "BigDecimal", "big_decimal", "TEXT", false, new BigDecimal("12345678901234567890.10")),
        arguments(
            "UUID", "uuid", "TEXT", false, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
        arguments("enum", "mood", "TEXT", false, Mood.SAD),
        arguments("Duration", "duration", "TEXT", false, Duration.ofSeconds(3723, 5)),
        arguments(
            "Instant", "instant", "TEXT", false, Instant.parse("2026-11-21T23:12:00.123456789Z")),
        arguments("LocalDate", "local_date", "TEXT", false, LocalDate.of(2026, 11, 21)),
        arguments(
            "LocalDateTime",
            "local_date_time",
            "TEXT",
            false,
            LocalDateTime.of(2026, 11, 21, 23, 12, 5)),
        arguments("LocalTime", "local_time", "TEXT", false, LocalTime.of(23, 12, 5, 1000)),
        arguments("MonthDay", "month_day", "TEXT", false, MonthDay.of(2, 29)),
        arguments(
            "OffsetDateTime",
            "offset_date_time",
            "TEXT",
            false,
            OffsetDateTime.of(2026, 11, 21, 23, 12, 0, 0, ZoneOffset.ofHours(-5))),
        arguments(
            "OffsetTime",
            "offset_time",
            "TEXT",
            false,
            OffsetTime.of(23, 12, 0, 0, ZoneOffset.UTC)),
        arguments("Period", "period", "TEXT", false, Period.of(1, 2, 3)),
        arguments("Year", "year", "TEXT", false, Year.of(2026)),
        arguments("YearMonth", "year_month", "TEXT", false, YearMonth.of(2026, 11)),
        arguments(
            "ZonedDateTime",
            "zoned_date_time",
            "TEXT",
            false,
            ZonedDateTime.of(2026, 11, 21, 23, 12, 0, 0, ZoneId.of("Europe/Paris"))),
        arguments("ZoneId", "zone_id", "TEXT", false, ZoneId.of("America/New_York")),
        arguments("ZoneOffset", "zone_offset", "TEXT", false, ZoneOffset.ofHoursMinutes(5, 30)),
        arguments("int, NULLABLE", "optional_int", "INTEGER", false, 42),
        arguments("String, NOT_NULL", "required_string", "TEXT", true, "required"),
        arguments("BigInteger, sqlType", "big_integer", "NUMERIC", false, new BigInteger("123")));
  }

  @BeforeAll
  static void createSchemaInAFile() throws SQLException {
    Compilation compilation = Sources.compile(Sources.annotated("types.AllTypes", ENTITY));
    assertThat(compilation).succeededWithoutWarnings();
    SchemaDefinition schema =
        new GeneratedClasses(compilation).newInstance("types.StrataSchema", SchemaDefinition.class);
    connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("types.db"));
    schema.create(connection);
    insertRowWithZeroes();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("rows")
  void declaredTypeAndNullability(String javaType, String column, String sqlType, boolean notNull)
      throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "SELECT type, \"notnull\" FROM pragma_table_info('all_types') WHERE name = '"
                    + column
                    + "'")) {
      assertTrue(rs.next(), "no column " + column);
      assertEquals(sqlType, rs.getString(1), javaType);
      assertEquals(notNull, rs.getBoolean(2), javaType + " NOT NULL");
    }
  }

  @ParameterizedTest(name = "{0} round trip")
  @MethodSource("rows")
  void valueSurvivesARoundTrip(
      String javaType, String column, String sqlType, boolean notNull, Object value)
      throws Exception {
    if (column.equals("id")) {
      return; // the row's key is already written, and read back by every other row
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE all_types SET " + column + " = ? WHERE id = 1")) {
      update.setObject(1, toSql(value));
      assertEquals(1, update.executeUpdate());
    }
    try (Statement sql = connection.createStatement();
        ResultSet rs = sql.executeQuery("SELECT " + column + " FROM all_types WHERE id = 1")) {
      assertTrue(rs.next());
      Object read = fromSql(rs.getObject(1), value.getClass());
      if (value instanceof byte[] bytes) {
        assertArrayEquals(bytes, (byte[]) read, javaType);
      } else {
        assertEquals(value, read, javaType);
      }
    }
  }

  @Test
  void booleanAndEnumColumnsRejectOtherValues() throws SQLException {
    try (Statement sql = connection.createStatement()) {
      assertThrows(SQLException.class, () -> sql.execute("UPDATE all_types SET p_boolean = 2"));
      assertThrows(SQLException.class, () -> sql.execute("UPDATE all_types SET mood = 'ANGRY'"));
      sql.execute("UPDATE all_types SET mood = 'HAPPY', b_boolean = NULL");
    }
  }

  /** The one row every round trip updates: zero in each NOT NULL column. */
  private static void insertRowWithZeroes() throws SQLException {
    List<String> required = new ArrayList<>();
    try (Statement sql = connection.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "SELECT name FROM pragma_table_info('all_types') WHERE \"notnull\" = 1")) {
      while (rs.next()) {
        required.add(rs.getString(1));
      }
      sql.execute(
          "INSERT INTO all_types ("
              + String.join(", ", required)
              + ") VALUES ("
              + String.join(", ", required.stream().map(c -> c.equals("id") ? "1" : "0").toList())
              + ")");
    }
  }

  /** How an application stores the value: numbers and bytes as they are, the rest as text. */
  private static Object toSql(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Number && !(value instanceof BigDecimal) && !(value instanceof BigInteger)
        || value instanceof String
        || value instanceof byte[]) {
      return value;
    }
    return value.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromSql(Object stored, Class<?> type) throws ReflectiveOperationException {
    if (type == Boolean.class) {
      return ((Number) stored).intValue() != 0;
    }
    if (stored instanceof Number n) {
      if (type == Byte.class) return n.byteValue();
      if (type == Short.class) return n.shortValue();
      if (type == Integer.class) return n.intValue();
      if (type == Long.class) return n.longValue();
      if (type == Float.class) return n.floatValue();
      if (type == Double.class) return n.doubleValue();
      if (type == BigInteger.class) return BigInteger.valueOf(n.longValue());
    }
    if (type == String.class || type == byte[].class) {
      return stored;
    }
    String text = (String) stored;
    if (type.isEnum()) {
      return Enum.valueOf((Class<Enum>) type, text);
    }
    if (type == BigDecimal.class) {
      return new BigDecimal(text);
    }
    if (type == UUID.class) {
      return UUID.fromString(text);
    }
    if (ZoneId.class.isAssignableFrom(type)) {
      return type == ZoneOffset.class ? ZoneOffset.of(text) : ZoneId.of(text);
    }
    return type.getMethod("parse", CharSequence.class).invoke(null, text);
  }
}
