package dev.strata.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Compile-time checksums, written as {@code sha256:<hex>}.
 *
 * <ul>
 *   <li>SQL form: the {@link StatementNormalizer normalised} {@code up} statements, each
 *       followed by {@code ";\n"}. Only {@code up} counts, since that is what was applied:
 *       fixing the {@code down} of an applied migration is allowed.
 *   <li>Java form: the class's own source text, {@link JavaSourceNormalizer normalised}, from
 *       the {@code class} keyword to the closing brace. Its modifiers and annotations are left
 *       out, so that editing the {@code @Migration} description keeps the checksum, as in the SQL
 *       form. Its {@code down(MigrationContext)} method is cut out too: as in the SQL form, the
 *       rollback of an applied migration may be fixed. The text is cut from the source file at
 *       the positions javac's Trees API gives, never taken from javac's pretty printer, whose
 *       output differs between JDKs (JDK 17 prints {@code final} on try-with-resources
 *       variables, JDK 25 does not), which would flag every applied Java migration after a JDK
 *       upgrade.
 * </ul>
 *
 * <p>Trees is javac's API. Build tools that wrap the processing environment (Gradle's incremental
 * processing does) are looked through, via the field that holds the wrapped environment. Where no
 * tree or source text can be had at all (another compiler such as ECJ), the Java form falls back
 * to hashing the class's declarations (its supertypes and every member's modifiers, name and
 * type, {@code down} again excepted): signature changes are still caught, edits inside method
 * bodies are not, and the checksum differs from the javac one, so build applied migrations with
 * javac. A {@code [ChecksumFallback]} note says so once per compilation.
 */
final class SourceChecksum {
  static final String PREFIX = "sha256:";

  private final Trees trees;

  SourceChecksum(ProcessingEnvironment env) {
    this(treesOf(env));
  }

  /** With {@code trees == null}, behaves as under a compiler without the Trees API. */
  SourceChecksum(Trees trees) {
    this.trees = trees;
  }

  /** Whether Java checksums cover the source text, not only the declarations. */
  boolean readsSource() {
    return trees != null;
  }

  String ofSql(List<String> normalizedStatements) {
    StringBuilder text = new StringBuilder();
    normalizedStatements.forEach(statement -> text.append(statement).append(";\n"));
    return sha256(text.toString());
  }

  String ofJava(TypeElement type) {
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
    long start = Math.max(positions.getStartPosition(unit, tree),
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
        .filter(SourceChecksum::isDown)
        .map(ExecutableElement.class::cast)
        .findFirst();
  }

  private static boolean isDown(Element member) {
    return member instanceof ExecutableElement method
        && method.getKind() == ElementKind.METHOD
        && method.getSimpleName().contentEquals("down")
        && method.getParameters().size() == 1
        && method.getParameters().get(0).asType().toString().equals("dev.strata.MigrationContext");
  }

  private static String declarations(TypeElement type) {
    StringBuilder text = new StringBuilder(type.getSimpleName());
    text.append(" extends ").append(type.getSuperclass());
    type.getInterfaces().forEach(i -> text.append(" implements ").append(i));
    for (Element member : type.getEnclosedElements()) {
      if (isDown(member)) {
        continue;
      }
      text.append('\n').append(member.getModifiers()).append(' ').append(member.getKind())
          .append(' ').append(member.getSimpleName()).append(' ').append(member.asType());
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

  /** javac's Trees for {@code env}, looking through wrappers; null if there is none. */
  private static Trees treesOf(ProcessingEnvironment env) {
    for (int depth = 0; env != null && depth < 4; depth++) {
      try {
        return Trees.instance(env);
      } catch (IllegalArgumentException | LinkageError notJavac) {
        env = delegateOf(env);
      }
    }
    return null;
  }

  private static ProcessingEnvironment delegateOf(ProcessingEnvironment wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          try {
            field.setAccessible(true);
            return (ProcessingEnvironment) field.get(wrapper);
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
