package dev.strata.sample.inventory.model;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;
import dev.strata.annotation.Transient;
import java.math.BigDecimal;
import java.time.Instant;

/** A kind of part that can be stocked. */
@Entity
@Index(columns = "category_id")
@Index(columns = "search_name")
public class Part {
  @Id(autoIncrement = true)
  long id;

  @Column(nullable = Nullability.NOT_NULL, unique = true, collate = "NOCASE")
  String sku;

  @Column(nullable = Nullability.NOT_NULL)
  String name;

  @References(entity = Category.class, onDelete = Action.RESTRICT)
  long categoryId;

  /** Money as exact decimal text, never a binary float. */
  BigDecimal unitPrice;

  @Column(defaultValue = "0", check = "reorder_level >= 0")
  int reorderLevel;

  @Column(defaultValue = "0")
  boolean discontinued;

  @Column(nullable = Nullability.NOT_NULL)
  Instant createdAt;

  /** Lower-case, accent-free name for search; backfilled by a Java migration. */
  String searchName;

  /** Computed on load, never stored. */
  @Transient String displayLabel;
}
