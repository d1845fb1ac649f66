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
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code StrataMigrations}, the generated {@link MigrationRegistry}. Descriptors are built
 * in static methods of {@value #CHUNK_SIZE} each, so no method nears the JVM's 64 KB limit (nor the
 * JIT's 8 KB one) however many migrations there are. Factories call {@code new}; nothing is
 * reflective.
 */
public final class RegistryClass {
  public static final String CLASS_NAME = "StrataMigrations";
  static final int CHUNK_SIZE = 100;

  private static final ClassName LIST = ClassName.get(List.class);
  private static final TypeName DESCRIPTORS =
      ParameterizedTypeName.get(LIST, ClassName.get(MigrationDescriptor.class));

  private RegistryClass() {}

  /**
   * @param migrations sorted in registry order
   */
  public static TypeSpec.Builder render(List<MigrationModel> migrations) {
    TypeSpec.Builder registry =
        TypeSpec.classBuilder(CLASS_NAME)
            .addJavadoc("Every {@code @Migration} of this compilation, in version order.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(MigrationRegistry.class)
            .addField(
                FieldSpec.builder(
                        DESCRIPTORS,
                        "MIGRATIONS",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .initializer("all()")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("migrations")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(DESCRIPTORS)
                    .addStatement("return MIGRATIONS")
                    .build());

    MethodSpec.Builder all =
        MethodSpec.methodBuilder("all")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(DESCRIPTORS)
            .addStatement("$T all = new $T<>($L)", DESCRIPTORS, ArrayList.class, migrations.size());
    List<MethodSpec> chunks = new ArrayList<>();
    for (int start = 0; start < migrations.size(); start += CHUNK_SIZE) {
      List<MigrationModel> chunk =
          migrations.subList(start, Math.min(start + CHUNK_SIZE, migrations.size()));
      MethodSpec method = chunkMethod("chunk" + start / CHUNK_SIZE, chunk);
      all.addStatement("$N(all)", method);
      chunks.add(method);
    }
    registry.addMethod(all.addStatement("return $T.copyOf(all)", LIST).build());
    return registry.addMethods(chunks);
  }

  private static MethodSpec chunkMethod(String name, List<MigrationModel> chunk) {
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
