package shop;

import dev.strata.annotation.Column;
import dev.strata.annotation.Nullability;
import dev.strata.annotation.Transient;
import java.time.Instant;

/** Not an entity: its fields become columns of every entity that extends it, first. */
public abstract class Audited {
  static final String NOT_A_COLUMN = "static";

  @Column(nullable = Nullability.NOT_NULL,
      defaultValue = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
  protected Instant createdAt;

  @Column(defaultValue = "0", check = "version >= 0")
  protected int version;

  @Transient protected boolean dirty;
}
