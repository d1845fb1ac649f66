package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.Sources.annotated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java → SQLite type table is what users copy into hand-written migrations, so every
 * Java type it names must map to the column it states, CHECK included.
 */
class ReadmeTypeTableTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void everyRowOfTheReadmeTypeTableIsWhatTheProcessorGenerates() throws IOException {
    Map<String, String> expected = readmeTable();
    List<String> fields = new ArrayList<>();
    Map<String, String> columnOfType = new LinkedHashMap<>();
    int i = 0;
    for (String javaType : expected.keySet()) {
      String column = "c" + i++;
      fields.add("  " + javaType.replace("an enum", "Mood") + " " + column + ";");
      columnOfType.put(javaType, column);
    }
    Compilation c =
        Sources.compile(
            annotated(
                "app.AllTypes",
                "@Entity public class AllTypes {\n  public enum Mood { A, B }\n  @Id long id;\n"
                    + String.join("\n", fields)
                    + "\n}\n"));
    assertThat(c).succeeded();
    String ddl = Sources.resource(c, "META-INF/strata/schema.sql");

    for (Map.Entry<String, String> row : expected.entrySet()) {
      String column = columnOfType.get(row.getKey());
      Matcher declared =
          Pattern.compile("^  " + column + " (.*?),?$", Pattern.MULTILINE).matcher(ddl);
      assertTrue(declared.find(), column + " in " + ddl);
      String sql = declared.group(1).replace(" NOT NULL", "");
      assertEquals(
          row.getValue().replace("col", column).replace("'A', 'B', ...", "'A', 'B'"),
          sql,
          "README row for " + row.getKey());
    }
  }

  /** Java type (as a field type) → SQLite column text, from the rows of the README's table. */
  private static Map<String, String> readmeTable() throws IOException {
    String readme = Files.readString(README);
    String table = readme.substring(readme.indexOf("| Java | SQLite column |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : table.split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length < 3 || !cells[2].strip().startsWith("`")) {
        continue; // the header, the separator, and "a compile error"
      }
      Matcher sqlite = CODE.matcher(cells[2]);
      sqlite.find();
      Matcher java = CODE.matcher(cells[1]);
      while (java.find()) {
        rows.put(java.group(1), sqlite.group(1));
      }
      if (cells[1].contains("an enum")) {
        rows.put("an enum", sqlite.group(1));
      }
    }
    return rows;
  }
}
