package dev.strata.schema;

import java.util.Objects;

/**
 * One difference between the expected schema and the actual one.
 *
 * @param kind what differs
 * @param object the schema object: {@code table part}, {@code view stock}, {@code trigger audit}
 * @param detail the part of it that differs, e.g. {@code column sku: type}; empty for the object
 *     itself
 * @param expected the expected value; for a missing part, its definition; {@code null} for an extra
 *     part or when a value is absent (no default, no primary key) or said by {@code detail} already
 * @param actual the value found; likewise {@code null} for a missing part or an absent value
 */
public record Drift(Kind kind, String object, String detail, String expected, String actual) {

  public Drift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether the expected schema has something the database lacks, the reverse, or both differ. */
  public enum Shape {
    MISSING,
    EXTRA,
    MISMATCH
  }

  /** What differs; its {@link Shape} decides how {@link #render()} words the line. */
  public enum Kind {
    MISSING_TABLE(Shape.MISSING),
    EXTRA_TABLE(Shape.EXTRA),
    MISSING_COLUMN(Shape.MISSING),
    EXTRA_COLUMN(Shape.EXTRA),
    TYPE_MISMATCH(Shape.MISMATCH),
    NULLABILITY_MISMATCH(Shape.MISMATCH),
    DEFAULT_MISMATCH(Shape.MISMATCH),
    COLLATION_MISMATCH(Shape.MISMATCH),
    GENERATED_MISMATCH(Shape.MISMATCH),
    PRIMARY_KEY_MISMATCH(Shape.MISMATCH),
    /**
     * Another {@code ON CONFLICT} resolution on a column's NOT NULL, the primary key or a UNIQUE
     * constraint: {@code REPLACE} deletes rows where {@code ABORT} fails the statement.
     */
    ON_CONFLICT_MISMATCH(Shape.MISMATCH),
    AUTOINCREMENT_MISMATCH(Shape.MISMATCH),
    /** WITHOUT ROWID, STRICT, or a virtual table's module and arguments. */
    TABLE_OPTIONS_MISMATCH(Shape.MISMATCH),
    MISSING_CHECK(Shape.MISSING),
    EXTRA_CHECK(Shape.EXTRA),
    MISSING_UNIQUE(Shape.MISSING),
    EXTRA_UNIQUE(Shape.EXTRA),
    MISSING_FOREIGN_KEY(Shape.MISSING),
    EXTRA_FOREIGN_KEY(Shape.EXTRA),
    /** Same child columns, another parent or action. */
    FOREIGN_KEY_MISMATCH(Shape.MISMATCH),
    /**
     * Same foreign key, but checked at commit ({@code DEFERRABLE INITIALLY DEFERRED}) on one side
     * only.
     */
    FOREIGN_KEY_DEFERRAL_MISMATCH(Shape.MISMATCH),
    MISSING_INDEX(Shape.MISSING),
    EXTRA_INDEX(Shape.EXTRA),
    /** Same name, other uniqueness, key terms or WHERE clause. */
    INDEX_MISMATCH(Shape.MISMATCH),
    MISSING_VIEW(Shape.MISSING),
    EXTRA_VIEW(Shape.EXTRA),
    VIEW_MISMATCH(Shape.MISMATCH),
    MISSING_TRIGGER(Shape.MISSING),
    EXTRA_TRIGGER(Shape.EXTRA),
    TRIGGER_MISMATCH(Shape.MISMATCH);

    private final Shape shape;

    Kind(Shape shape) {
      this.shape = shape;
    }

    public Shape shape() {
      return shape;
    }
  }

  /**
   * One line: {@code table part: column sku: type TEXT expected, INTEGER found}, {@code table part:
   * index ix_part_sku: missing, expected UNIQUE (sku)} or {@code view old_stock: not expected}.
   */
  public String render() {
    String path = detail.isEmpty() ? object : object + ": " + detail;
    return switch (kind.shape()) {
      case MISSING -> path + ": missing" + (expected == null ? "" : ", expected " + expected);
      case EXTRA -> path + ": not expected" + (actual == null ? "" : ", found " + actual);
      case MISMATCH -> path + " " + orNone(expected) + " expected, " + orNone(actual) + " found";
    };
  }

  private static String orNone(String value) {
    return value == null || value.isEmpty() ? "none" : value;
  }
}
