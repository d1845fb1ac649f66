package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.ForeignKey;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A composite foreign key onto a composite primary key; unique, so one shipment per line. */
@Entity
@ForeignKey(columns = {"order_id", "line_no"}, entity = OrderLine.class,
    references = {"order_id", "line_no"}, onDelete = Action.CASCADE, onUpdate = Action.CASCADE)
@Index(columns = {"order_id", "line_no"}, unique = true, name = "ux_shipment_line")
public class Shipment {
  @Id UUID id;
  long orderId;
  int lineNo;
  @Column(collate = "RTRIM") String carrier;
  OffsetDateTime shippedAt;
}
