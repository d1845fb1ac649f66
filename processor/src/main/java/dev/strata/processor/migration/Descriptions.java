package dev.strata.processor.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The default description of a migration: its class's simple name as a sentence.
 *
 * <ul>
 *   <li>{@code AddStockLevels} → "Add stock levels"; underscores separate words too.
 *   <li>A Flyway-style version prefix is dropped, since the version is shown next to the
 *       description anyway: {@code V3_AddStockLevels}, {@code V3AddStockLevels} and {@code
 *       V3__add_stock_levels} → "Add stock levels". A bare {@code V3} stays "V3".
 *   <li>Acronyms keep their case: {@code ImportCSVFromERP} → "Import CSV from ERP".
 *   <li>Digits stay with the letters before them: {@code UseUtf8Names} → "Use utf8 names".
 * </ul>
 */
final class Descriptions {
  private static final Pattern VERSION_PREFIX = Pattern.compile("^[Vv]\\d+(?:_+(?=.)|(?=[A-Z]))");

  private Descriptions() {}

  static String fromClassName(String simpleName) {
    String name = VERSION_PREFIX.matcher(simpleName).replaceFirst("");
    List<String> words = new ArrayList<>();
    for (String part : name.split("_+")) {
      splitCamelCase(part, words);
    }
    StringBuilder sentence = new StringBuilder();
    for (String word : words) {
      boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
      String shown = acronym ? word : word.toLowerCase(Locale.ROOT);
      if (sentence.length() == 0) {
        shown = Character.toUpperCase(shown.charAt(0)) + shown.substring(1);
      } else {
        sentence.append(' ');
      }
      sentence.append(shown);
    }
    return sentence.length() == 0 ? simpleName : sentence.toString();
  }

  /** Breaks before a capital that follows a small letter or digit, or that ends an acronym. */
  private static void splitCamelCase(String part, List<String> words) {
    int start = 0;
    for (int i = 1; i < part.length(); i++) {
      char previous = part.charAt(i - 1);
      char current = part.charAt(i);
      boolean afterLowerOrDigit =
          Character.isUpperCase(current)
              && (Character.isLowerCase(previous) || Character.isDigit(previous));
      boolean endsAcronym =
          Character.isUpperCase(previous)
              && Character.isUpperCase(current)
              && i + 1 < part.length()
              && Character.isLowerCase(part.charAt(i + 1));
      if (afterLowerOrDigit || endsAcronym) {
        words.add(part.substring(start, i));
        start = i;
      }
    }
    if (start < part.length()) {
      words.add(part.substring(start));
    }
  }
}
