package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import dev.strata.sql.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * One column of a table, parsed from a field or record component.
 *
 * @param origin the field, with its {@code @Column} when present
 * @param idOrigin the field with its {@code @Id}, or {@code null} when not part of the key
 * @param javaType the field's type as a member of the entity
 * @param mappedType the type Strata maps the Java type to, or {@code null} when it has none
 * @param sqlType the user's {@code @Column(sqlType)}, or blank
 * @param allowedValues SQL literals the column is restricted to (enums, booleans), or empty
 * @param dialectSql each {@code @Column.Sql}, by its dialect (never SQLite)
 */
public record ColumnModel(
    Origin origin,
    Origin idOrigin,
    String name,
    TypeMirror javaType,
    String mappedType,
    String sqlType,
    List<String> allowedValues,
    boolean notNull,
    boolean unique,
    String defaultValue,
    String check,
    String collate,
    boolean autoIncrement,
    Map<Dialect, ColumnSql> dialectSql) {

  /** The parts of a column definition that are SQL written by the user. */
  public enum UserSql {
    SQL_TYPE("sqlType"),
    DEFAULT("defaultValue"),
    CHECK("check"),
    COLLATE("collate");

    private final String attribute;

    UserSql(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }
  }

  public ColumnModel {
    allowedValues = List.copyOf(allowedValues);
    dialectSql = Map.copyOf(dialectSql);
  }

  /** The {@code @Column.Sql} for {@code dialect}, when one is written. */
  public Optional<ColumnSql> sqlFor(Dialect dialect) {
    return Optional.ofNullable(dialectSql.get(dialect));
  }

  public boolean primaryKey() {
    return idOrigin != null;
  }

  /** The declared SQLite type; blank only when neither a mapping nor sqlType exists. */
  public String type() {
    if (!sqlType.isBlank()) {
      return sqlType.strip();
    }
    return mappedType == null ? "" : mappedType;
  }

  public boolean has(UserSql part) {
    return !text(part).isBlank();
  }

  public String text(UserSql part) {
    return switch (part) {
      case SQL_TYPE -> sqlType;
      case DEFAULT -> defaultValue;
      case CHECK -> check;
      case COLLATE -> collate;
    };
  }

  /** This column without one piece of user SQL, to find out which piece SQLite rejects. */
  public ColumnModel without(UserSql part) {
    return new ColumnModel(
        origin,
        idOrigin,
        name,
        javaType,
        mappedType,
        part == UserSql.SQL_TYPE ? "" : sqlType,
        allowedValues,
        notNull,
        unique,
        part == UserSql.DEFAULT ? "" : defaultValue,
        part == UserSql.CHECK ? "" : check,
        part == UserSql.COLLATE ? "" : collate,
        autoIncrement,
        dialectSql);
  }
}
