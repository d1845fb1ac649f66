package dev.strata.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.schema.SchemaModel.Column;
import dev.strata.schema.SchemaModel.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaSnapshotTest {
  @TempDir Path dir;

  @Test
  void writesTheDocumentedFormat() {
    SchemaModel model =
        SchemaInspector.inspect(
            List.of(
                "CREATE TABLE tag (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " label TEXT NOT NULL COLLATE NOCASE DEFAULT 'new' CHECK (label <> ''))",
                "CREATE UNIQUE INDEX ux_tag_label ON tag (label) WHERE id > 0",
                "CREATE VIEW tag_labels AS SELECT label FROM tag"));
    assertEquals(
        """
        {
          "formatVersion": 1,
          "tables": [
            {
              "name": "tag",
              "columns": [
                {
                  "name": "id",
                  "type": "INTEGER",
                  "notNull": true,
                  "default": null,
                  "primaryKeyPosition": 1,
                  "collation": "BINARY",
                  "generated": null
                },
                {
                  "name": "label",
                  "type": "TEXT",
                  "notNull": true,
                  "default": "'new'",
                  "primaryKeyPosition": 0,
                  "collation": "NOCASE",
                  "generated": null
                }
              ],
              "autoIncrement": true,
              "withoutRowid": false,
              "strict": false,
              "checks": [
                "label <> ''"
              ],
              "uniques": [],
              "foreignKeys": [],
              "indexes": [
                {
                  "name": "ux_tag_label",
                  "unique": true,
                  "columns": [
                    "label"
                  ],
                  "where": "id > 0"
                }
              ]
            }
          ],
          "views": [
            {
              "name": "tag_labels",
              "sql": "CREATE VIEW tag_labels AS SELECT label FROM tag"
            }
          ],
          "triggers": []
        }
        """,
        SchemaSnapshot.toJson(model));
  }

  @Test
  void theSameSchemaGivesTheSameBytesWhateverTheCreationOrder() throws Exception {
    List<String> reordered = new ArrayList<>(TestDatabases.RICH);
    // Tables in another order (foreign keys are not enforced by DDL), then indexes reversed.
    reordered.add(0, reordered.remove(2));
    reordered.add(3, reordered.remove(5));
    String fromFile =
        SchemaSnapshot.toJson(TestDatabases.inspectFile(dir, "rich", TestDatabases.RICH));
    String fromReordered =
        SchemaSnapshot.toJson(TestDatabases.inspectFile(dir, "reordered", reordered));
    assertEquals(fromFile, fromReordered);
    assertEquals(fromFile, SchemaSnapshot.toJson(SchemaInspector.inspect(TestDatabases.RICH)));
    assertTrue(fromFile.endsWith("}\n") && !fromFile.contains("\r"), "LF line ends, final newline");
  }

  @Test
  void roundTripsTheRichSchema() throws Exception {
    SchemaModel model = TestDatabases.inspectFile(dir, "rich", TestDatabases.RICH);
    String json = SchemaSnapshot.toJson(model);
    assertEquals(model, SchemaSnapshot.fromJson(json));
    assertEquals(json, SchemaSnapshot.toJson(SchemaSnapshot.fromJson(json)));
  }

  @Test
  void writesConflictResolutionsAndDeferralOnlyWhenNotTheDefault() {
    SchemaModel model =
        SchemaInspector.inspect(
            List.of(
                "CREATE TABLE p (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, code TEXT NOT NULL ON"
                    + " CONFLICT IGNORE UNIQUE ON CONFLICT FAIL)",
                "CREATE TABLE c (a INTEGER NOT NULL REFERENCES p DEFERRABLE INITIALLY DEFERRED, b"
                    + " TEXT UNIQUE)"));
    String json = SchemaSnapshot.toJson(model);
    for (String member :
        List.of(
            "\"notNullOnConflict\": \"IGNORE\"",
            "\"onConflict\": \"FAIL\"",
            "\"primaryKeyOnConflict\": \"REPLACE\"",
            "\"deferred\": true")) {
      assertEquals(1, json.split(member, -1).length - 1, member + " once in " + json);
    }
    assertFalse(json.contains("ABORT") || json.contains("false,\n      \"deferred\""), json);
    assertEquals(model, SchemaSnapshot.fromJson(json));
  }

  @Test
  void recordsAVirtualTableByItsModuleOnly() {
    SchemaModel model =
        SchemaInspector.inspect(List.of("CREATE VIRTUAL TABLE doc USING fts5(title, body)"));
    String json = SchemaSnapshot.toJson(model);
    assertTrue(json.contains("\"virtualModule\": \"fts5(title, body)\""), json);
    assertEquals(List.of("doc"), model.tables().stream().map(Table::name).toList());
    assertEquals(model, SchemaSnapshot.fromJson(json));
  }

  @Test
  void escapesStringsAndReadsThemBack() {
    String awkward = "q\"uote \\ back\nline\ttab\r\u0001ctl é\u2028";
    SchemaModel model =
        new SchemaModel(
            List.of(
                new Table(
                    awkward,
                    List.of(new Column("c", "", false, "ABORT", awkward, 0, "BINARY", null)),
                    "ABORT",
                    false,
                    false,
                    false,
                    null,
                    List.of(awkward),
                    List.of(),
                    List.of(),
                    List.of())),
            List.of(),
            List.of());
    String json = SchemaSnapshot.toJson(model);
    assertTrue(
        json.contains("\"name\": \"q\\\"uote \\\\ back\\nline\\ttab\\r\\u0001ctl é\\u2028\""),
        json);
    assertEquals(model, SchemaSnapshot.fromJson(json));
  }

  @Test
  void refusesWhatItDidNotWrite() {
    String valid = SchemaSnapshot.toJson(new SchemaModel(List.of(), List.of(), List.of()));
    assertEquals(
        "invalid JSON at offset " + valid.length() + ": trailing characters",
        assertThrows(IllegalArgumentException.class, () -> SchemaSnapshot.fromJson(valid + "x"))
            .getMessage());
    assertEquals(
        "unsupported snapshot formatVersion 2",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SchemaSnapshot.fromJson(
                        valid.replace("\"formatVersion\": 1", "\"formatVersion\": 2")))
            .getMessage());
    assertEquals(
        "snapshot: missing \"views\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> SchemaSnapshot.fromJson(valid.replace("\"views\": [],", "")))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> SchemaSnapshot.fromJson(valid.replace("\"views\": []", "\"tables\": []")))
            .getMessage()
            .contains("duplicate key tables"));
  }
}
