package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.ForeignKey;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.References;
import java.math.BigDecimal;

/** A composite primary key; a @ForeignKey next to a @References. */
@Entity
@ForeignKey(columns = "product_id", entity = Product.class, references = "id")
@Index(columns = "product_id")
public record OrderLine(
    @Id @References(entity = Order.class, onDelete = Action.CASCADE) long orderId,
    @Id int lineNo,
    long productId,
    @Column(defaultValue = "1", check = "quantity > 0") int quantity,
    BigDecimal unitPrice) {}
