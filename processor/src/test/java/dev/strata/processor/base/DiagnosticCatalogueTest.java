package dev.strata.processor.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pins the catalogue: tags are what users grep their build logs and suppress by, so renaming or
 * re-levelling one is a breaking change that must show up here.
 */
class DiagnosticCatalogueTest {
  private static final Pattern TAG = Pattern.compile("^\\[(\\w+)] .*\\. Hint: .+$", Pattern.DOTALL);

  @Test
  void everyTagAndKindIsPinned() {
    List<String> catalogue =
        Arrays.stream(Diagnostic.values()).map(d -> tagOf(d) + ":" + d.kind()).toList();

    assertEquals(
        List.of(
            "DuplicateVersion:ERROR",
            "InvalidVersion:ERROR",
            "MigrationShape:ERROR",
            "EmptyMigration:ERROR",
            "RepeatableShape:ERROR",
            "DuplicateRepeatable:ERROR",
            "InvalidSql:ERROR",
            "CascadingDrop:ERROR",
            "ReferenceTableMissing:ERROR",
            "SchemaUnknownAfterJava:NOTE",
            "EntityMissingId:ERROR",
            "AutoIncrementType:ERROR",
            "DuplicateColumn:ERROR",
            "DuplicateTable:ERROR",
            "DuplicateIndex:ERROR",
            "UnknownColumn:ERROR",
            "UnsupportedType:ERROR",
            "ReferenceNotEntity:ERROR",
            "ReferenceColumnMissing:ERROR",
            "ReferenceNotUnique:ERROR",
            "ForeignKeyArity:ERROR",
            "ReservedName:ERROR",
            "ViewNotSelect:ERROR",
            "TriggerNameMismatch:ERROR",
            "UnquotedDefault:ERROR",
            "EntityShape:ERROR",
            "ConflictingAnnotations:ERROR",
            "UnindexedForeignKey:WARNING",
            "DefaultNotAllowed:ERROR",
            "LateElement:ERROR",
            "InvalidOption:ERROR",
            "ChecksumFallback:NOTE",
            "ForeignRegistry:ERROR",
            "OutputNotOnClassPath:ERROR",
            "InternalError:ERROR"),
        catalogue);
  }

  /** The tag as users see it: the rendered message's leading {@code [Tag]}. */
  private static String tagOf(Diagnostic diagnostic) {
    Matcher m = TAG.matcher(diagnostic.render(new Object[8]));
    return m.matches() ? m.group(1) : "unrendered " + diagnostic;
  }
}
