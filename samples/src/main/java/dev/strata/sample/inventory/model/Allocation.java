package dev.strata.sample.inventory.model;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.ForeignKey;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.Trigger;
import dev.strata.sql.Dialect;
import java.time.Instant;

/** Stock reserved for a customer order; it may never exceed what the location holds. */
@Entity
@ForeignKey(
    columns = {"part_id", "location_code"},
    entity = Stock.class,
    references = {"part_id", "location_code"},
    onDelete = Action.CASCADE)
@Index(columns = {"part_id", "location_code"})
@Index(columns = "order", name = "ix_allocation_order")
@Trigger(name = "allocation_within_stock", sql = InventorySql.ALLOCATION_GUARD_TRIGGER)
@Trigger(
    name = "allocation_within_stock",
    dialects = Dialect.POSTGRESQL,
    sql = InventorySql.ALLOCATION_GUARD_TRIGGER_POSTGRESQL)
public class Allocation {
  @Id(autoIncrement = true)
  long id;

  long partId;

  @Column(nullable = Nullability.NOT_NULL)
  String locationCode;

  /** The customer order reference; a reserved word, quoted by the generated SQL. */
  @Column(name = "order", nullable = Nullability.NOT_NULL)
  String orderRef;

  @Column(check = "quantity > 0")
  int quantity;

  @Column(nullable = Nullability.NOT_NULL)
  Instant allocatedAt;
}
