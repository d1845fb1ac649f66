package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.References;
import dev.strata.annotation.Trigger;
import java.time.LocalDate;

/** Reserved words as table and column names; an enum; a trigger. */
@Entity(table = "order")
@Index(columns = {"customer_id", "placed_on"})
@Trigger(sql = """
    CREATE TRIGGER order_paid_makes_vip AFTER UPDATE OF status ON "order"
    WHEN NEW.status = 'PAID'
    BEGIN
      UPDATE customer SET vip = 1 WHERE id = NEW.customer_id;
    END;""")
public class Order extends Audited {
  public enum Status { OPEN, PAID, SHIPPED, CANCELLED }

  @Id(autoIncrement = true) long id;
  @References(entity = Customer.class, onDelete = Action.CASCADE, onUpdate = Action.CASCADE)
  long customerId;
  @Column(defaultValue = "'OPEN'") Status status;
  @Column(name = "group") String group;
  LocalDate placedOn;
}
