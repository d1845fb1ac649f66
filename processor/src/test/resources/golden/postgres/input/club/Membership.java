package club;

import dev.strata.annotation.*;

/** A composite primary key of two foreign keys; a unique column. */
@Entity
@Index(columns = "team_id")
public record Membership(
    @Id @References(entity = Member.class, onDelete = Action.CASCADE) long memberId,
    @Id @References(entity = Team.class, onDelete = Action.CASCADE) int teamId,
    @Column(unique = true) String badge) {}
