package dev.strata.processor.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps Java types to SQLite column types. Enums and booleans also carry the values their column may
 * hold, which become a generated {@code CHECK}: SQLite's dynamic typing would otherwise accept any
 * value, and a row the application cannot read back is worse than a rejected write.
 */
public final class TypeMapping {
  /** The column type and, when the Java type is a closed set, its SQL literals. */
  public record Mapping(String sqlType, List<String> allowedValues) {
    static Mapping of(String sqlType) {
      return new Mapping(sqlType, List.of());
    }
  }

  static final String INTEGER = "INTEGER";
  static final String REAL = "REAL";
  static final String TEXT = "TEXT";
  static final String BLOB = "BLOB";

  private static final Mapping BOOLEAN = new Mapping(INTEGER, List.of("0", "1"));

  /** Declared types by qualified name; java.time values are stored as ISO-8601 text. */
  private static final Map<String, Mapping> DECLARED =
      Map.ofEntries(
          Map.entry("java.lang.Boolean", BOOLEAN),
          Map.entry("java.lang.Byte", Mapping.of(INTEGER)),
          Map.entry("java.lang.Short", Mapping.of(INTEGER)),
          Map.entry("java.lang.Integer", Mapping.of(INTEGER)),
          Map.entry("java.lang.Long", Mapping.of(INTEGER)),
          Map.entry("java.lang.Float", Mapping.of(REAL)),
          Map.entry("java.lang.Double", Mapping.of(REAL)),
          Map.entry("java.lang.String", Mapping.of(TEXT)),
          Map.entry("java.math.BigDecimal", Mapping.of(TEXT)),
          Map.entry("java.util.UUID", Mapping.of(TEXT)),
          Map.entry("java.time.Duration", Mapping.of(TEXT)),
          Map.entry("java.time.Instant", Mapping.of(TEXT)),
          Map.entry("java.time.LocalDate", Mapping.of(TEXT)),
          Map.entry("java.time.LocalDateTime", Mapping.of(TEXT)),
          Map.entry("java.time.LocalTime", Mapping.of(TEXT)),
          Map.entry("java.time.MonthDay", Mapping.of(TEXT)),
          Map.entry("java.time.OffsetDateTime", Mapping.of(TEXT)),
          Map.entry("java.time.OffsetTime", Mapping.of(TEXT)),
          Map.entry("java.time.Period", Mapping.of(TEXT)),
          Map.entry("java.time.Year", Mapping.of(TEXT)),
          Map.entry("java.time.YearMonth", Mapping.of(TEXT)),
          Map.entry("java.time.ZonedDateTime", Mapping.of(TEXT)),
          Map.entry("java.time.ZoneId", Mapping.of(TEXT)),
          Map.entry("java.time.ZoneOffset", Mapping.of(TEXT)));

  private static final List<String> INTEGRAL =
      List.of(
          "byte",
          "short",
          "int",
          "long",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long");

  private TypeMapping() {}

  /** The mapping of a field's type, or empty when Strata has none. */
  public static Optional<Mapping> map(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return Optional.of(BOOLEAN);
      case BYTE, SHORT, INT, LONG:
        return Optional.of(Mapping.of(INTEGER));
      case FLOAT, DOUBLE:
        return Optional.of(Mapping.of(REAL));
      case ARRAY:
        boolean bytes = ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
        return bytes ? Optional.of(Mapping.of(BLOB)) : Optional.empty();
      case DECLARED:
        return mapDeclared((TypeElement) ((DeclaredType) type).asElement());
      default:
        return Optional.empty();
    }
  }

  /** Whether the type may back an AUTOINCREMENT key. */
  public static boolean isIntegral(TypeMirror type) {
    return INTEGRAL.contains(name(type));
  }

  /** Whether the Java type itself can hold no null; a primitive column is NOT NULL by default. */
  public static boolean isPrimitive(TypeMirror type) {
    return type.getKind().isPrimitive();
  }

  private static Optional<Mapping> mapDeclared(TypeElement element) {
    if (element.getKind() == ElementKind.ENUM) {
      List<String> names =
          element.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
              .map(e -> "'" + e.getSimpleName() + "'")
              .toList();
      return Optional.of(new Mapping(TEXT, names));
    }
    return Optional.ofNullable(DECLARED.get(element.getQualifiedName().toString()));
  }

  /** The type's name as source spells it: {@code long}, {@code java.lang.Long}, {@code byte[]}. */
  static String name(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    }
    return type.toString();
  }
}
