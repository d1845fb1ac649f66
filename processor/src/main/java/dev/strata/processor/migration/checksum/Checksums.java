package dev.strata.processor.migration.checksum;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Compile-time checksums, written as {@code sha256:<hex>}.
 *
 * <ul>
 *   <li>SQL form: the {@link StatementNormalizer normalised} {@code up} statements, each followed
 *       by {@code ";\n"}. Only {@code up} counts, since that is what was applied: fixing the {@code
 *       down} of an applied migration is allowed.
 *   <li>Java form: the class's own source text, {@link JavaSourceNormalizer normalised}, from the
 *       {@code class} keyword to the closing brace. Its modifiers and annotations are left out, so
 *       that editing the {@code @Migration} description keeps the checksum, as in the SQL form. Its
 *       {@code down(MigrationContext)} method is cut out too: as in the SQL form, the rollback of
 *       an applied migration may be fixed. The text is cut from the source file at the positions
 *       javac's Trees API gives, never taken from javac's pretty printer, whose output differs
 *       between JDKs (JDK 17 prints {@code final} on try-with-resources variables, JDK 25 does
 *       not), which would flag every applied Java migration after a JDK upgrade.
 * </ul>
 *
 * <p>Trees is javac's API ({@link dev.strata.processor.base.JavacTrees}). Where no tree or source
 * text can be had at all (another compiler such as ECJ), the Java form falls back to hashing the
 * class's declarations (its supertypes and every member's modifiers, name and type, {@code down}
 * again excepted): signature changes are still caught, edits inside method bodies are not, and the
 * checksum differs from the javac one, so build applied migrations with javac. A {@code
 * [ChecksumFallback]} note says so once per compilation.
 *
 * <p>A class file holds no source text either: a Java migration that a partial compilation reads
 * back from the class output keeps the checksum its source gave, from the output's index.
 */
public final class Checksums {
  public static final String PREFIX = "sha256:";

  private final Trees trees;
  private final Map<String, String> fromClassFiles;

  /** With {@code trees == null}, behaves as under a compiler without the Trees API. */
  public Checksums(Trees trees) {
    this(trees, Map.of());
  }

  /**
   * @param fromClassFiles by qualified name, the checksums of Java migrations that this compilation
   *     reads from class files, which hold no source text: the ones computed from their source when
   *     they were compiled, kept in the class output's index
   */
  public Checksums(Trees trees, Map<String, String> fromClassFiles) {
    this.trees = trees;
    this.fromClassFiles = Map.copyOf(fromClassFiles);
  }

  /** Whether Java checksums cover the source text, not only the declarations. */
  public boolean readsSource() {
    return trees != null;
  }

  public String ofSql(List<String> normalizedStatements) {
    StringBuilder text = new StringBuilder();
    normalizedStatements.forEach(statement -> text.append(statement).append(";\n"));
    return sha256(text.toString());
  }

  public String ofJava(TypeElement type) {
    String known = fromClassFiles.get(type.getQualifiedName().toString());
    if (known != null) {
      return known;
    }
    String source = trees == null ? null : source(type);
    return source != null
        ? sha256(JavaSourceNormalizer.normalize(source))
        : sha256(declarations(type).strip().replaceAll("\\s+", " "));
  }

  /** The class's source text without its modifiers, annotations and down; null if unavailable. */
  private String source(TypeElement type) {
    TreePath path = trees.getPath(type);
    if (path == null || !(path.getLeaf() instanceof ClassTree tree)) {
      return null;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    SourcePositions positions = trees.getSourcePositions();
    long start =
        Math.max(
            positions.getStartPosition(unit, tree),
            positions.getEndPosition(unit, tree.getModifiers()));
    long end = positions.getEndPosition(unit, tree);
    CharSequence text;
    try {
      text = unit.getSourceFile().getCharContent(true);
    } catch (IOException unreadable) {
      return null;
    }
    if (start < 0 || end <= start || end > text.length()) {
      return null;
    }
    StringBuilder kept = new StringBuilder(text.subSequence((int) start, (int) end));
    Tree down = downMethod(type).map(trees::getTree).orElse(null);
    if (down != null) {
      long downStart = positions.getStartPosition(unit, down);
      long downEnd = positions.getEndPosition(unit, down);
      if (start <= downStart && downStart < downEnd && downEnd <= end) {
        kept.delete((int) (downStart - start), (int) (downEnd - start));
      }
    }
    return kept.toString();
  }

  /** The class's own {@code down(MigrationContext)}, the rollback, which the checksum skips. */
  private static Optional<ExecutableElement> downMethod(TypeElement type) {
    return type.getEnclosedElements().stream()
        .filter(DownMethod::matches)
        .map(ExecutableElement.class::cast)
        .findFirst();
  }

  private static String declarations(TypeElement type) {
    StringBuilder text = new StringBuilder(type.getSimpleName());
    text.append(" extends ").append(type.getSuperclass());
    type.getInterfaces().forEach(i -> text.append(" implements ").append(i));
    for (Element member : type.getEnclosedElements()) {
      if (DownMethod.matches(member)) {
        continue;
      }
      text.append('\n')
          .append(member.getModifiers())
          .append(' ')
          .append(member.getKind())
          .append(' ')
          .append(member.getSimpleName())
          .append(' ')
          .append(member.asType());
    }
    return text.toString();
  }

  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
