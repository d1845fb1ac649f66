package dev.strata.processor.entity;

import dev.strata.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Names that clash, compared ignoring ASCII case as SQLite does. Every declaration of a clashing
 * name is reported, each naming the others, as {@code [DuplicateVersion]} is: the user may want to
 * rename either one, and each must show up where it is declared.
 */
final class NameClashes {
  private NameClashes() {}

  /**
   * Calls {@code clash} once for each item whose name another item shares, with those others in
   * their order in {@code items}.
   */
  static <T> void find(List<T> items, Function<T, String> name, BiConsumer<T, List<T>> clash) {
    Map<String, List<T>> byName = new LinkedHashMap<>();
    for (T item : items) {
      byName
          .computeIfAbsent(SqlIdentifiers.fold(name.apply(item)), k -> new ArrayList<>())
          .add(item);
    }
    for (List<T> same : byName.values()) {
      if (same.size() > 1) {
        for (T item : same) {
          clash.accept(item, same.stream().filter(other -> other != item).toList());
        }
      }
    }
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String list(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
