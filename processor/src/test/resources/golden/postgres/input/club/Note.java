package club;

import dev.strata.annotation.*;

/** A composite foreign key with actions; a unique index. */
@Entity
@ForeignKey(
    columns = {"member_id", "team_id"},
    entity = Membership.class,
    references = {"member_id", "team_id"},
    onDelete = Action.CASCADE,
    onUpdate = Action.RESTRICT)
@Index(columns = {"member_id", "team_id", "written_on"}, unique = true)
public class Note {
  @Id(autoIncrement = true) long id;
  long memberId;
  int teamId;
  java.time.LocalDate writtenOn;
  @Column(defaultValue = "'-'") String body;
}
