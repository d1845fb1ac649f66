package dev.strata.schema;

import java.util.List;

/** How SQLite compares names: ignoring the case of ASCII letters, and of those only. */
final class Names {
  private Names() {}

  /** The name with A-Z lowercased: equal for two names exactly when SQLite takes them as one. */
  static String fold(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  static List<String> fold(List<String> names) {
    return names.stream().map(Names::fold).toList();
  }
}
