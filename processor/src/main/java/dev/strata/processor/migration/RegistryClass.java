package dev.strata.processor.migration;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.strata.JavaMigration;
import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import dev.strata.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code StrataMigrations}, the generated {@link MigrationRegistry}, with its versioned
 * migrations and, if any, its repeatable ones. Descriptors are built in static methods of {@value
 * #CHUNK_SIZE} each, so no method nears the JVM's 64 KB limit (nor the JIT's 8 KB one) however many
 * migrations there are. Factories call {@code new}; nothing is reflective.
 *
 * <p>A class file holds at most 65,535 constants, and every statement is one. A registry heavier
 * than {@value #CLASS_WEIGHT} (see {@link #weight}) keeps its chunk methods in nested classes of at
 * most that weight, and a statement list longer than {@value #INLINE_STATEMENTS} is built by
 * methods of nested classes of at most {@value #CLASS_WEIGHT} statements. A lighter registry reads
 * as it always did.
 */
public final class RegistryClass {
  public static final String CLASS_NAME = "StrataMigrations";
  static final int CHUNK_SIZE = 100;

  /**
   * The most weight one generated class carries: far below the constant pool's limit, since a
   * string takes two constants and a descriptor with its factory about twenty.
   */
  static final int CLASS_WEIGHT = 2_000;

  /** Longer statement lists are built outside the descriptor's chunk, in classes of their own. */
  static final int INLINE_STATEMENTS = 500;

  /** Statements per method of a statements class, to keep each method small. */
  private static final int STATEMENTS_PER_METHOD = 200;

  /** Weight of a descriptor apart from its statements: its strings, factory and constants. */
  private static final int DESCRIPTOR_WEIGHT = 8;

  private static final ClassName LIST = ClassName.get(List.class);
  private static final TypeName DESCRIPTORS =
      ParameterizedTypeName.get(LIST, ClassName.get(MigrationDescriptor.class));
  private static final TypeName REPEATABLES =
      ParameterizedTypeName.get(LIST, ClassName.get(RepeatableDescriptor.class));

  private RegistryClass() {}

  /**
   * @param migrations sorted in registry order; {@code repeatables()} is generated only when there
   *     are repeatables, so that a registry without them reads as before
   */
  public static TypeSpec.Builder render(Migrations migrations) {
    List<MigrationModel> versioned = migrations.versioned();
    List<RepeatableModel> repeatables = migrations.repeatables();
    TypeSpec.Builder registry =
        TypeSpec.classBuilder(CLASS_NAME)
            .addJavadoc("Every {@code @Migration} of this compilation, in version order")
            .addJavadoc(
                repeatables.isEmpty()
                    ? ".\n"
                    : ", and every {@code @RepeatableMigration}, by description.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(MigrationRegistry.class);
    StatementLists lists = new StatementLists(registry);
    JavaFactories java = new JavaFactories();
    addList(
        registry,
        "migrations",
        DESCRIPTORS,
        versioned,
        "",
        (name, chunk) -> migrationChunk(name, chunk, lists, java),
        RegistryClass::weight);
    java.addTo(registry);
    if (!repeatables.isEmpty()) {
      addList(
          registry,
          "repeatables",
          REPEATABLES,
          repeatables,
          "Repeatables",
          (name, chunk) -> repeatableChunk(name, chunk, lists),
          r -> weight(r.up(), List.of()));
    }
    return registry;
  }

  /**
   * What a descriptor adds to the class holding its chunk: about one unit per string constant.
   * Statements of a list built elsewhere ({@link StatementLists}) count nothing here.
   */
  private static int weight(List<String> up, List<String> down) {
    return DESCRIPTOR_WEIGHT + inlineWeight(up) + inlineWeight(down);
  }

  /** A migration's weight, each dialect's own text counting as one more descriptor. */
  private static int weight(MigrationModel m) {
    int weight = weight(m.up(), m.down());
    for (DialectText text : m.dialectTexts()) {
      weight += weight(text.up(), text.down());
    }
    return weight;
  }

  private static int inlineWeight(List<String> statements) {
    return statements.size() > INLINE_STATEMENTS ? 1 : statements.size();
  }

  /**
   * A constant list, its {@code getter} overriding the registry's method, and the static methods
   * that build it: {@code all<suffix>()}, which calls {@code chunk<suffix><n>(all)} for each chunk
   * of at most {@value #CHUNK_SIZE} items. If the items weigh more than {@value #CLASS_WEIGHT}, the
   * chunks are spread over nested classes {@code Part<suffix><p>} of at most that weight (or one
   * item).
   */
  private static <T> void addList(
      TypeSpec.Builder registry,
      String getter,
      TypeName type,
      List<T> items,
      String suffix,
      BiFunction<String, List<T>, MethodSpec> chunkMethod,
      ToIntFunction<T> weight) {
    String field = getter.toUpperCase(Locale.ROOT);
    String allName = "all" + suffix;
    registry
        .addField(
            FieldSpec.builder(type, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$N()", allName)
                .build())
        .addMethod(
            MethodSpec.methodBuilder(getter)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $N", field)
                .build());
    MethodSpec.Builder all =
        MethodSpec.methodBuilder(allName)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(type)
            .addStatement("$T all = new $T<>($L)", type, ArrayList.class, items.size());
    List<List<T>> parts = parts(items, weight);
    List<MethodSpec> chunks = new ArrayList<>();
    List<TypeSpec> partClasses = new ArrayList<>();
    int chunkCount = 0;
    for (List<T> part : parts) {
      List<MethodSpec> partChunks = new ArrayList<>();
      for (int start = 0; start < part.size(); start += CHUNK_SIZE) {
        List<T> chunk = part.subList(start, Math.min(start + CHUNK_SIZE, part.size()));
        partChunks.add(chunkMethod.apply("chunk" + suffix + chunkCount++, chunk));
      }
      if (parts.size() == 1) {
        partChunks.forEach(method -> all.addStatement("$N(all)", method));
        chunks.addAll(partChunks);
      } else {
        TypeSpec partClass =
            TypeSpec.classBuilder("Part" + suffix + partClasses.size())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addMethods(partChunks)
                .build();
        partChunks.forEach(method -> all.addStatement("$N.$N(all)", partClass, method));
        partClasses.add(partClass);
      }
    }
    registry.addMethod(all.addStatement("return $T.copyOf(all)", LIST).build());
    registry.addMethods(chunks);
    registry.addTypes(partClasses);
  }

  /** {@code items} cut, in order, into runs of at most {@value #CLASS_WEIGHT} (or one item). */
  private static <T> List<List<T>> parts(List<T> items, ToIntFunction<T> weight) {
    List<List<T>> parts = new ArrayList<>();
    int start = 0;
    int load = 0;
    for (int i = 0; i < items.size(); i++) {
      int w = weight.applyAsInt(items.get(i));
      if (i > start && load + w > CLASS_WEIGHT) {
        parts.add(items.subList(start, i));
        start = i;
        load = 0;
      }
      load += w;
    }
    parts.add(items.subList(start, items.size()));
    return parts;
  }

  private static MethodSpec migrationChunk(
      String name, List<MigrationModel> chunk, StatementLists lists, JavaFactories java) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Versions $L to $L.\n",
                chunk.get(0).version(),
                chunk.get(chunk.size() - 1).version())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(DESCRIPTORS, "all");
    for (MigrationModel m : chunk) {
      CodeBlock.Builder descriptor =
          CodeBlock.builder()
              .add(
                  "new $T($LL, $S, $T.$L,\n$S, $L, $L,\n$L, $L, $S,\n$L)",
                  MigrationDescriptor.class,
                  m.version(),
                  m.description(),
                  MigrationType.class,
                  m.type().name(),
                  m.checksum(),
                  m.reversible(),
                  m.transactional(),
                  m.foreignKeys(),
                  m.destructive(),
                  m.qualifiedName(),
                  m.type() == MigrationType.JAVA
                      ? java.factory(m)
                      : lists.sqlFactory(m.up(), m.down()));
      for (DialectText text : m.dialectTexts()) {
        descriptor.add(
            "\n.withVariant($T.$L, $S, $L,\n$L)",
            Dialect.class,
            text.dialect().name(),
            text.checksum(),
            !text.down().isEmpty(),
            lists.sqlFactory(text.up(), text.down()));
      }
      method.addStatement("all.add($L)", descriptor.build());
    }
    return method.build();
  }

  private static MethodSpec repeatableChunk(
      String name, List<RepeatableModel> chunk, StatementLists lists) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            // Not the descriptions: a "*/" in one would end the comment.
            .addJavadoc("$L repeatables, by description.\n", chunk.size())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(REPEATABLES, "all");
    for (RepeatableModel r : chunk) {
      method.addStatement(
          "all.add(new $T($S, $S, $S,\n$L))",
          RepeatableDescriptor.class,
          r.description(),
          r.checksum(),
          r.qualifiedName(),
          lists.list(r.up()));
    }
    return method.build();
  }

  /**
   * The factories of Java migrations: one nested class whose {@code get()} calls {@code new} on the
   * migration of its index, instead of a method reference per migration. The JVM then spins no
   * lambda class per migration when the registry loads, and loads a migration's class only when it
   * runs: an up-to-date start loads none of them.
   */
  private static final class JavaFactories {
    private static final String CLASS = "JavaMigrations";

    /** Cases per method, far below the 64 KB a method's code may take. */
    private static final int PER_METHOD = 1_000;

    private final List<ClassName> classes = new ArrayList<>();

    CodeBlock factory(MigrationModel m) {
      classes.add(ClassName.get(m.element()));
      return CodeBlock.of("new $L($L)", CLASS, classes.size() - 1);
    }

    void addTo(TypeSpec.Builder registry) {
      if (classes.isEmpty()) {
        return;
      }
      TypeSpec.Builder type =
          TypeSpec.classBuilder(CLASS)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addSuperinterface(
                  ParameterizedTypeName.get(
                      ClassName.get(Supplier.class), ClassName.get(JavaMigration.class)))
              .addField(int.class, "index", Modifier.PRIVATE, Modifier.FINAL)
              .addMethod(
                  MethodSpec.constructorBuilder()
                      .addParameter(int.class, "index")
                      .addStatement("this.index = index")
                      .build());
      CodeBlock.Builder dispatch =
          CodeBlock.builder().add("return switch (index / $L) {\n$>", PER_METHOD);
      for (int start = 0; start < classes.size(); start += PER_METHOD) {
        String name = "create" + start / PER_METHOD;
        CodeBlock.Builder cases = CodeBlock.builder().add("return switch (index) {\n$>");
        for (int i = start; i < Math.min(start + PER_METHOD, classes.size()); i++) {
          cases.add("case $L -> new $T();\n", i, classes.get(i));
        }
        cases.add(
            "default -> throw new $T(\"no Java migration \" + index);\n$<}",
            IllegalStateException.class);
        type.addMethod(
            MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(int.class, "index")
                .returns(JavaMigration.class)
                .addCode("$L;\n", cases.build())
                .build());
        dispatch.add("case $L -> $N(index);\n", start / PER_METHOD, name);
      }
      dispatch.add(
          "default -> throw new $T(\"no Java migration \" + index);\n$<}",
          IllegalStateException.class);
      type.addMethod(
          MethodSpec.methodBuilder("get")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(JavaMigration.class)
              .addCode("$L;\n", dispatch.build())
              .build());
      registry.addType(type.build());
    }
  }

  /**
   * Renders statement lists: inline up to {@value #INLINE_STATEMENTS}; a longer one as a call of
   * {@code statements<n>()}, a method of the registry that fills an array from nested classes
   * {@code Statements<n>_<k>} of at most {@value #CLASS_WEIGHT} statements each.
   */
  private static final class StatementLists {
    private static final TypeName STRINGS = ArrayTypeName.of(String.class);
    private static final String SQL_FACTORY = "sql";

    private final TypeSpec.Builder registry;
    private int count;
    private boolean sqlFactoryUsed;

    StatementLists(TypeSpec.Builder registry) {
      this.registry = registry;
    }

    /**
     * The factory of a SQL-form migration: one shared method makes the lambda, so that javac infers
     * no types per migration and the runtime spins one lambda class, not one per migration.
     */
    CodeBlock sqlFactory(List<String> up, List<String> down) {
      if (!sqlFactoryUsed) {
        sqlFactoryUsed = true;
        registry.addMethod(
            MethodSpec.methodBuilder(SQL_FACTORY)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(
                    ParameterizedTypeName.get(
                        ClassName.get(Supplier.class), ClassName.get(SqlMigration.class)))
                .addParameter(STRINGS, "up")
                .addParameter(STRINGS, "down")
                .addStatement(
                    "return () -> new $T($T.of(up), $T.of(down))", SqlMigration.class, LIST, LIST)
                .build());
      }
      return CodeBlock.of("$N(\n$>$>$L,\n$L)$<$<", SQL_FACTORY, array(up), array(down));
    }

    CodeBlock list(List<String> statements) {
      if (statements.size() > INLINE_STATEMENTS) {
        return CodeBlock.of("$T.of($N())", LIST, outside(statements));
      }
      List<CodeBlock> items = statements.stream().map(s -> CodeBlock.of("$S", s)).toList();
      return items.size() < 2
          ? CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(items, ""))
          : CodeBlock.of("$T.of(\n$>$>$L)$<$<", LIST, CodeBlock.join(items, ",\n"));
    }

    private CodeBlock array(List<String> statements) {
      // Each statement fits one class-file constant: it is part of an annotation value, which javac
      // already had to store as one.
      if (statements.size() > INLINE_STATEMENTS) {
        return CodeBlock.of("$N()", outside(statements));
      }
      List<CodeBlock> items = statements.stream().map(s -> CodeBlock.of("$S", s)).toList();
      return items.size() < 2
          ? CodeBlock.of("new $T {$L}", STRINGS, CodeBlock.join(items, ""))
          : CodeBlock.of("new $T {\n$>$>$L}$<$<", STRINGS, CodeBlock.join(items, ",\n"));
    }

    private MethodSpec outside(List<String> statements) {
      String name = "statements" + count++;
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(name)
              .addJavadoc(
                  "$L statements, built outside the class that uses them.\n", statements.size())
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(STRINGS)
              .addStatement("$T statements = new $T[$L]", STRINGS, String.class, statements.size());
      for (int start = 0; start < statements.size(); start += CLASS_WEIGHT) {
        String holderName = "Statements" + (count - 1) + "_" + start / CLASS_WEIGHT;
        TypeSpec.Builder holder =
            TypeSpec.classBuilder(holderName)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
        int end = Math.min(start + CLASS_WEIGHT, statements.size());
        for (int from = start; from < end; from += STATEMENTS_PER_METHOD) {
          MethodSpec.Builder fill =
              MethodSpec.methodBuilder("fill" + (from - start) / STATEMENTS_PER_METHOD)
                  .addModifiers(Modifier.STATIC)
                  .addParameter(STRINGS, "statements");
          for (int i = from; i < Math.min(from + STATEMENTS_PER_METHOD, end); i++) {
            fill.addStatement("statements[$L] = $S", i, statements.get(i));
          }
          MethodSpec built = fill.build();
          holder.addMethod(built);
          method.addStatement("$L.$N(statements)", holderName, built);
        }
        registry.addType(holder.build());
      }
      MethodSpec built = method.addStatement("return statements").build();
      registry.addMethod(built);
      return built;
    }
  }
}
