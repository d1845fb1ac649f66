package dev.strata.processor.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders tables so that a parent comes before the tables that reference it. Among the tables that
 * are ready, the smallest name goes first; a cycle is broken at its smallest name. SQLite accepts
 * forward references in REFERENCES, so every order is valid DDL; this one is readable and stable.
 */
final class TableOrder {
  private static final Comparator<EntityModel> BY_NAME = Comparator
      .comparing((EntityModel t) -> Identifiers.key(t.table()))
      .thenComparing(EntityModel::qualifiedName);

  private TableOrder() {}

  static List<EntityModel> sort(List<EntityModel> tables) {
    List<EntityModel> remaining = new ArrayList<>(tables);
    remaining.sort(BY_NAME);
    List<EntityModel> sorted = new ArrayList<>(tables.size());
    while (!remaining.isEmpty()) {
      Set<String> waiting = new HashSet<>();
      remaining.forEach(t -> waiting.add(Identifiers.key(t.table())));
      EntityModel next = remaining.stream()
          .filter(t -> parents(t).stream().noneMatch(waiting::contains))
          .findFirst()
          .orElse(remaining.get(0));
      sorted.add(next);
      remaining.remove(next);
    }
    return sorted;
  }

  /** The tables this one references, itself excluded: a self-reference never blocks. */
  private static Set<String> parents(EntityModel table) {
    Set<String> parents = new HashSet<>();
    for (ForeignKeyModel fk : table.foreignKeys()) {
      if (fk.parentTable() != null) {
        parents.add(Identifiers.key(fk.parentTable()));
      }
    }
    parents.remove(Identifiers.key(table.table()));
    return parents;
  }
}
