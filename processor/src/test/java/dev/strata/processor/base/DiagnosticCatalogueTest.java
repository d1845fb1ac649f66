package dev.strata.processor.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
            "MissingDialectText:ERROR",
            "DuplicateDialectText:ERROR",
            "DialectTextShape:ERROR",
            "InvalidSql:ERROR",
            "CascadingDrop:ERROR",
            "ReferenceTableMissing:ERROR",
            "SchemaUnknownAfterJava:NOTE",
            "MigrationDrift:ERROR",
            "MigrationDrift:WARNING",
            "DestructiveMigration:WARNING",
            "UnsafeMigration:WARNING",
            "UnsafeMigration:ERROR",
            "EntityMissingId:ERROR",
            "AutoIncrementType:ERROR",
            "DuplicateColumn:ERROR",
            "DuplicateTable:ERROR",
            "DuplicateIndex:ERROR",
            "UnknownColumn:ERROR",
            "UnsupportedType:ERROR",
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
            "UnsupportedType:ERROR",
            "TriggerShape:ERROR",
            "LateElement:ERROR",
            "InvalidOption:ERROR",
            "InvalidOption:ERROR",
            "InvalidOption:ERROR",
            "ChecksumFallback:NOTE",
            "ForeignRegistry:ERROR",
            "OutputNotOnClassPath:ERROR",
            "InternalError:ERROR"),
        catalogue);
  }

  /** The README's table of diagnostics lists every tag of the catalogue, and no other. */
  @Test
  void theReadmeTableListsEveryTag() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Compile-time diagnostics"));
    section = section.substring(0, section.indexOf("\n## "));
    Set<String> listed = new TreeSet<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `[")) {
        Matcher tag = Pattern.compile("`\\[(\\w+)]`").matcher(line.split("\\|")[1]);
        while (tag.find()) {
          listed.add(tag.group(1));
        }
      }
    }
    Set<String> catalogue =
        Arrays.stream(Diagnostic.values())
            .map(DiagnosticCatalogueTest::tagOf)
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(catalogue, listed);
  }

  /** The tag as users see it: the rendered message's leading {@code [Tag]}. */
  private static String tagOf(Diagnostic diagnostic) {
    Matcher m = TAG.matcher(diagnostic.render(new Object[8]));
    return m.matches() ? m.group(1) : "unrendered " + diagnostic;
  }
}
