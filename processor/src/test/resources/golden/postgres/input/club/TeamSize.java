package club;

import dev.strata.annotation.*;
import dev.strata.sql.Dialect;

/** SQLite's group_concat is string_agg on PostgreSQL. */
@View(
    sql = """
        SELECT t.id, count(*) AS members, group_concat(m.badge, ',') AS badges
        FROM team t JOIN membership m ON m.team_id = t.id GROUP BY t.id""")
@View.Sql(
    dialect = Dialect.POSTGRESQL,
    sql = """
        SELECT t.id, count(*) AS members, string_agg(m.badge, ',') AS badges
        FROM team t JOIN membership m ON m.team_id = t.id GROUP BY t.id""")
public class TeamSize {}
