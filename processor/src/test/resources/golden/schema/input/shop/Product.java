package shop;

import dev.strata.annotation.Action;
import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Index;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.References;
import java.math.BigDecimal;
import java.util.UUID;

@Entity
@Index(columns = {"category_id", "name"})
public class Product {
  @Id(autoIncrement = true) long id;
  @Column(unique = true) UUID sku;
  @Column(nullable = Nullability.NOT_NULL) String name;
  @Column(defaultValue = "'0.00'") BigDecimal price;
  byte[] image;
  @References(entity = Category.class, onDelete = Action.RESTRICT) long categoryId;
  @Column(sqlType = "NUMERIC", check = "weight IS NULL OR weight > 0") Double weight;
}
