package dev.strata.sql;

import java.util.Arrays;
import java.util.List;

/** TEMPORARY stand-in on branch mproc until the real splitter lands from branch engine. */
public final class SqlSplitter {
  private SqlSplitter() {}

  public static List<String> split(String sql) {
    return Arrays.stream(sql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
