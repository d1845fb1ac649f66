package dev.strata.sample.inventory.model;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;

/** A node of the category tree; roots have no parent. */
@Entity
@Index(columns = "parent_id")
public class Category {
  @Id(autoIncrement = true)
  long id;

  @Column(nullable = Nullability.NOT_NULL, unique = true, collate = "NOCASE")
  String name;

  /** Deleting a parent lifts its children to the top level instead of deleting them. */
  @References(entity = Category.class, onDelete = Action.SET_NULL)
  Long parentId;
}
