package dev.strata.sample.inventory.migrations;

import dev.strata.JavaMigration;
import dev.strata.MigrationContext;
import dev.strata.annotation.Migration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fills {@code part.search_name} for existing parts. It is Java because SQLite cannot strip
 * accents: "Écrou M3" must be found by "ecrou m3". The rule lives in this class so that its
 * checksum covers it: the rule of an applied migration must never change.
 */
@Migration(version = 7, description = "Backfill part search names")
public final class V7BackfillPartSearchName implements JavaMigration {
  @Override
  public void up(MigrationContext ctx) throws Exception {
    Map<Long, String> names = new LinkedHashMap<>();
    try (PreparedStatement select =
            ctx.connection()
                .prepareStatement("SELECT id, name FROM part WHERE search_name IS NULL");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        names.put(rows.getLong(1), rows.getString(2));
      }
    }
    for (Map.Entry<Long, String> part : names.entrySet()) {
      ctx.update(
          "UPDATE part SET search_name = ? WHERE id = ?",
          searchName(part.getValue()),
          part.getKey());
    }
  }

  /** Accents stripped, lower case, single spaces. */
  static String searchName(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
  }

  @Override
  public void down(MigrationContext ctx) throws Exception {
    ctx.update("UPDATE part SET search_name = NULL");
  }
}
