package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;

/** A record with a self-reference: category → parent category. */
@Entity
@Index(columns = "parent_id")
public record Category(
    @Id long id,
    @Column(nullable = Nullability.NOT_NULL, check = "length(name) > 0") String name,
    @References(entity = Category.class, onDelete = Action.CASCADE) Long parentId) {}
