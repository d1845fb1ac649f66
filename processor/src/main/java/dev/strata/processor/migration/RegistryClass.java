package dev.strata.processor.migration;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code StrataMigrations}, the generated {@link MigrationRegistry}, with its versioned
 * migrations and, if any, its repeatable ones. Descriptors are built in static methods of {@value
 * #CHUNK_SIZE} each, so no method nears the JVM's 64 KB limit (nor the JIT's 8 KB one) however many
 * migrations there are. Factories call {@code new}; nothing is reflective.
 */
public final class RegistryClass {
  public static final String CLASS_NAME = "StrataMigrations";
  static final int CHUNK_SIZE = 100;

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
    addList(registry, "migrations", DESCRIPTORS, versioned, "", RegistryClass::migrationChunk);
    if (!repeatables.isEmpty()) {
      addList(
          registry,
          "repeatables",
          REPEATABLES,
          repeatables,
          "Repeatables",
          RegistryClass::repeatableChunk);
    }
    return registry;
  }

  /**
   * A constant list, its {@code getter} overriding the registry's method, and the static methods
   * that build it: {@code all<suffix>()}, which calls {@code chunk<suffix><n>(all)} for each chunk
   * of {@value #CHUNK_SIZE} items.
   */
  private static <T> void addList(
      TypeSpec.Builder registry,
      String getter,
      TypeName type,
      List<T> items,
      String suffix,
      BiFunction<String, List<T>, MethodSpec> chunkMethod) {
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
    List<MethodSpec> chunks = new ArrayList<>();
    for (int start = 0; start < items.size(); start += CHUNK_SIZE) {
      List<T> chunk = items.subList(start, Math.min(start + CHUNK_SIZE, items.size()));
      MethodSpec method = chunkMethod.apply("chunk" + suffix + start / CHUNK_SIZE, chunk);
      all.addStatement("$N(all)", method);
      chunks.add(method);
    }
    registry.addMethod(all.addStatement("return $T.copyOf(all)", LIST).build());
    registry.addMethods(chunks);
  }

  private static MethodSpec migrationChunk(String name, List<MigrationModel> chunk) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addJavadoc(
                "Versions $L to $L.\n",
                chunk.get(0).version(),
                chunk.get(chunk.size() - 1).version())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(DESCRIPTORS, "all");
    for (MigrationModel m : chunk) {
      method.addStatement(
          "all.add(new $T($LL, $S, $T.$L,\n$S, $L, $L,\n$L, $L, $S,\n$L))",
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
          factory(m));
    }
    return method.build();
  }

  private static MethodSpec repeatableChunk(String name, List<RepeatableModel> chunk) {
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
          list(r.up()));
    }
    return method.build();
  }

  private static CodeBlock factory(MigrationModel m) {
    if (m.type() == MigrationType.JAVA) {
      return CodeBlock.of("$T::new", ClassName.get(m.element()));
    }
    return CodeBlock.of(
        "() -> new $T(\n$>$>$L,\n$L)$<$<", SqlMigration.class, list(m.up()), list(m.down()));
  }

  private static CodeBlock list(List<String> statements) {
    // Each statement fits one class-file constant: it is part of an annotation value, which javac
    // already had to store as one.
    List<CodeBlock> items = statements.stream().map(s -> CodeBlock.of("$S", s)).toList();
    return items.size() < 2
        ? CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(items, ""))
        : CodeBlock.of("$T.of(\n$>$>$L)$<$<", LIST, CodeBlock.join(items, ",\n"));
  }
}
