package club;

import dev.strata.annotation.*;
import dev.strata.sql.Dialect;
import java.math.BigDecimal;
import java.time.*;
import java.util.UUID;

/** Every mapped type, an enum, boolean defaults, collations, a reserved word, a trigger. */
@Entity
@Trigger(
    name = "member_touch",
    sql = """
        CREATE TRIGGER member_touch AFTER UPDATE OF name ON member
        BEGIN
          UPDATE member SET visits = visits + 1 WHERE id = NEW.id;
        END""")
@Trigger(
    name = "member_touch",
    dialects = Dialect.POSTGRESQL,
    sql = """
        CREATE FUNCTION member_touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.visits := OLD.visits + 1;
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER member_touch BEFORE UPDATE OF name ON member
        FOR EACH ROW EXECUTE FUNCTION member_touch()""")
public class Member {
  public enum Tier { FREE, GOLD }

  @Id(autoIncrement = true) long id;
  @Column(unique = true, collate = "NOCASE", nullable = Nullability.NOT_NULL) String name;
  @Column(collate = "BINARY") String code;
  @Column(defaultValue = "1") boolean active;
  @Column(defaultValue = "FALSE") Boolean banned;
  @Column(defaultValue = "'FREE'") Tier tier;
  @Column(name = "order", check = "\"order\" >= 0") int order;
  byte level;
  short rank;
  Integer visits;
  float ratio;
  Double score;
  BigDecimal balance;
  UUID token;
  Instant joinedAt;
  OffsetDateTime seenAt;
  LocalDate born;
  LocalDateTime localSeen;
  LocalTime wakes;
  OffsetTime sleeps;
  ZonedDateTime zoned;
  Duration napLength;
  Year since;
  byte[] photo;

  @Column(sqlType = "DECIMAL(10, 2)", defaultValue = "0")
  @Column.Sql(dialect = Dialect.POSTGRESQL, sqlType = "numeric(10, 2)")
  BigDecimal fee;

  @Column(
      nullable = Nullability.NOT_NULL,
      defaultValue = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
  @Column.Sql(dialect = Dialect.POSTGRESQL, defaultValue = "CURRENT_TIMESTAMP")
  Instant createdAt;
}
