package dev.strata.sample.inventory.model;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.References;
import dev.strata.annotation.Trigger;
import dev.strata.sql.Dialect;
import java.time.Instant;

/** How many of a part sit at a location; one row per (part, location). */
@Entity
@Index(columns = "location_code")
@Trigger(name = "stock_touch", sql = InventorySql.STOCK_TOUCH_TRIGGER)
@Trigger(
    name = "stock_touch",
    dialects = Dialect.POSTGRESQL,
    sql = InventorySql.STOCK_TOUCH_TRIGGER_POSTGRESQL)
public record Stock(
    @Id @References(entity = Part.class, onDelete = Action.CASCADE) long partId,
    @Id @References(entity = Location.class) String locationCode,
    @Column(check = "quantity >= 0") int quantity,
    Instant updatedAt) {}
