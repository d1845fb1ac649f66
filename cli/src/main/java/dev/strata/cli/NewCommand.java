package dev.strata.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "new",
    description = {
      "Writes a migration skeleton, versioned by the current UTC time (yyyyMMddHHmmss), so that"
          + " migrations written on different machines and branches rarely collide."
    })
final class NewCommand extends CliCommand {
  private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  @Parameters(paramLabel = "DESCRIPTION", description = "What the migration does, in words.")
  String description;

  @Option(
      names = "--java",
      description = "A Java migration (implements JavaMigration) instead of an SQL one.")
  boolean java;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      defaultValue = "src/main/java",
      description = "The source root to write into. Default: ${DEFAULT-VALUE}.")
  Path sourceDir;

  @Option(
      names = "--package",
      paramLabel = "PACKAGE",
      required = true,
      description = "The migration's package, such as com.example.app.db.")
  String packageName;

  @Override
  public Integer call() throws Exception {
    if (description.isBlank()) {
      throw new ParameterException(spec.commandLine(), "The description must not be blank");
    }
    if (!isPackageName(packageName)) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + packageName + "' is not a Java package name, such as com.example.app.db");
    }
    String text = description.strip().replaceAll("\\s+", " ");
    long version = Long.parseLong(LocalDateTime.now(ZoneOffset.UTC).format(VERSION));
    String className = "V" + version + camelCase(description);
    Path file = sourceDir.resolve(packageName.replace('.', '/')).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    // CREATE_NEW: never overwrite, even a skeleton written in the same second.
    Files.writeString(
        file,
        java ? javaForm(version, className, text) : sqlForm(version, className, text),
        StandardOpenOption.CREATE_NEW);
    out().println("Wrote " + file);
    return ExitCode.OK;
  }

  private String sqlForm(long version, String className, String text) {
    return """
    package %1$s;

    import dev.strata.annotation.Migration;

    /**
     * %2$s. Replace SELECT 1 with the statements of the change (and give 'down' the statements
     * that undo it) before it is applied anywhere: an applied migration must not change.
     */
    @Migration(
        version = %3$dL,
        description = %4$s,
        up = "SELECT 1",
        down = "")
    public final class %5$s {}
    """
        .formatted(packageName, comment(text), version, literal(text), className);
  }

  private String javaForm(long version, String className, String text) {
    return """
    package %1$s;

    import dev.strata.JavaMigration;
    import dev.strata.MigrationContext;
    import dev.strata.annotation.Migration;

    /** %2$s. */
    @Migration(version = %3$dL, description = %4$s)
    public final class %5$s implements JavaMigration {
      @Override
      public void up(MigrationContext ctx) throws Exception {
        // The change: ctx.execute(sql), ctx.update(sql, params...) or ctx.connection().
      }

      // Override down(MigrationContext) to make this migration reversible.
    }
    """
        .formatted(packageName, comment(text), version, literal(text), className);
  }

  /** "add part notes" becomes "AddPartNotes": letters and digits only, each word capitalized. */
  static String camelCase(String description) {
    StringBuilder name = new StringBuilder();
    for (String word : description.split("[^\\p{L}\\p{Nd}]+")) {
      if (!word.isEmpty()) {
        name.appendCodePoint(Character.toUpperCase(word.codePointAt(0)))
            .append(word.substring(Character.charCount(word.codePointAt(0))));
      }
    }
    return name.toString();
  }

  private static boolean isPackageName(String name) {
    return Arrays.stream(name.split("\\.", -1))
        .allMatch(part -> SourceVersion.isIdentifier(part) && !SourceVersion.isKeyword(part));
  }

  /** {@code text} safe inside a comment. */
  private static String comment(String text) {
    return text.replace("*/", "*\\/");
  }

  /** A Java string literal of {@code text}. */
  private static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
