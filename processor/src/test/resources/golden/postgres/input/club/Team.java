package club;

import dev.strata.annotation.*;

/** An int identity key. */
@Entity
public class Team {
  @Id(autoIncrement = true) int id;
  @Column(nullable = Nullability.NOT_NULL, check = "length(title) > 0") String title;
}
