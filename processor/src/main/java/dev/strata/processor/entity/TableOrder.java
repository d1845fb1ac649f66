package dev.strata.processor.entity;

import dev.strata.sql.SqlIdentifiers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Orders tables so that a parent comes before the tables that reference it. Among the tables that
 * are ready, the smallest name goes first. When none is ready, some cycle of foreign keys has all
 * its outside parents placed; it is broken at its smallest name, so that a table outside the cycle
 * still waits for it. SQLite accepts forward references in REFERENCES, so every order is valid DDL;
 * this one is readable and does not depend on the order of the input.
 */
final class TableOrder {
  private static final Comparator<EntityModel> BY_NAME =
      Comparator.comparing((EntityModel t) -> SqlIdentifiers.fold(t.table()))
          .thenComparing(EntityModel::qualifiedName);

  private TableOrder() {}

  static List<EntityModel> sort(List<EntityModel> tables) {
    return sort(tables, BY_NAME, t -> SqlIdentifiers.fold(t.table()), TableOrder::parents);
  }

  /**
   * @param key a table's name, as {@code parents} gives it
   * @param parents the names of the tables one references; unknown names are ignored
   */
  static <T> List<T> sort(
      Collection<T> tables,
      Comparator<? super T> byName,
      Function<T, String> key,
      Function<T, Set<String>> parents) {
    List<T> byOrder = new ArrayList<>(tables);
    byOrder.sort(byName);
    // Tables are numbered in name order; edges.get(i) holds the parents of table i, itself
    // excluded, so that a self-reference never blocks.
    Map<String, List<Integer>> numbers = new HashMap<>();
    for (int i = 0; i < byOrder.size(); i++) {
      numbers.computeIfAbsent(key.apply(byOrder.get(i)), k -> new ArrayList<>()).add(i);
    }
    List<Set<Integer>> edges = new ArrayList<>();
    TreeSet<Integer> remaining = new TreeSet<>();
    for (int i = 0; i < byOrder.size(); i++) {
      remaining.add(i);
      Set<Integer> edge = new TreeSet<>();
      parents.apply(byOrder.get(i)).forEach(p -> edge.addAll(numbers.getOrDefault(p, List.of())));
      edge.remove(i);
      edges.add(edge);
    }
    List<T> sorted = new ArrayList<>(byOrder.size());
    while (!remaining.isEmpty()) {
      for (Set<Integer> edge : edges) {
        edge.retainAll(remaining); // placed parents no longer count
      }
      int next =
          remaining.stream()
              .filter(i -> edges.get(i).isEmpty())
              .findFirst()
              .or(() -> cycleStart(remaining, edges))
              .orElseThrow();
      sorted.add(byOrder.get(next));
      remaining.remove(next);
    }
    return sorted;
  }

  /**
   * The first table on a cycle whose members wait only for each other. One exists whenever no table
   * is ready: following what the tables wait for must end in such a cycle.
   */
  private static Optional<Integer> cycleStart(Set<Integer> tables, List<Set<Integer>> edges) {
    Map<Integer, Set<Integer>> reach = new HashMap<>();
    tables.forEach(t -> reach.put(t, reachable(t, edges)));
    for (int table : tables) {
      Set<Integer> cycle = new HashSet<>();
      for (int other : reach.get(table)) {
        if (reach.get(other).contains(table)) {
          cycle.add(other);
        }
      }
      if (!cycle.isEmpty() && cycle.stream().allMatch(t -> cycle.containsAll(edges.get(t)))) {
        return Optional.of(table);
      }
    }
    return Optional.empty();
  }

  /** Every table that {@code from} waits for, directly or not; itself only through a cycle. */
  private static Set<Integer> reachable(int from, List<Set<Integer>> edges) {
    Set<Integer> seen = new HashSet<>();
    Deque<Integer> frontier = new ArrayDeque<>(edges.get(from));
    while (!frontier.isEmpty()) {
      int next = frontier.pop();
      if (seen.add(next)) {
        frontier.addAll(edges.get(next));
      }
    }
    return seen;
  }

  private static Set<String> parents(EntityModel table) {
    Set<String> parents = new HashSet<>();
    for (ForeignKeyModel fk : table.foreignKeys()) {
      if (fk.parentTable() != null) {
        parents.add(SqlIdentifiers.fold(fk.parentTable()));
      }
    }
    return parents;
  }
}
