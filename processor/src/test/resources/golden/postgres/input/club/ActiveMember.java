package club;

import dev.strata.annotation.*;

/** The same SELECT on both. */
@View(sql = "SELECT id, name FROM member WHERE active")
public class ActiveMember {}
