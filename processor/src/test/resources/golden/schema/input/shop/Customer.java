package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;

@Entity
@Index(columns = "last_order_id")
public class Customer extends Audited {
  @Id(autoIncrement = true) long id;
  @Column(unique = true, collate = "NOCASE") String email;
  @Column(nullable = Nullability.NOT_NULL) String name;
  @Column(defaultValue = "0") boolean vip;
  /** With order.customer_id, a cycle: both tables reference each other. */
  @References(entity = Order.class, onDelete = Action.SET_NULL) Long lastOrderId;
}
