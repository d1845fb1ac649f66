package dev.strata.processor.entity;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.strata.sql.Dialect;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code StrataSchema}: the ordered DDL as a constant list behind SchemaDefinition, and one
 * more list for each other targeted dialect.
 */
public final class SchemaClass {
  public static final String SIMPLE_NAME = "StrataSchema";
  public static final String SCHEMA_DEFINITION_NAME = "dev.strata.spi.SchemaDefinition";
  private static final ClassName SCHEMA_DEFINITION = ClassName.bestGuess(SCHEMA_DEFINITION_NAME);
  private static final ClassName DIALECT = ClassName.get(Dialect.class);
  private static final TypeName LIST_OF_STRING =
      ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));

  private SchemaClass() {}

  /** SQLite's statements alone: the class that projects targeting only SQLite have always had. */
  public static TypeSpec.Builder render(List<String> statements) {
    return render(Map.of(Dialect.SQLITE, statements));
  }

  /**
   * @param statements each targeted dialect's statements, SQLite's among them; any other dialect
   *     gets its own constant, handed out by {@code statements(Dialect)}
   */
  public static TypeSpec.Builder render(Map<Dialect, List<String>> statements) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(SIMPLE_NAME)
            .addJavadoc(
                "The schema of this module's {@code @Entity} and {@code @View} classes, as"
                    + " the DDL\nthat creates it, in creation order.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(SCHEMA_DEFINITION)
            .addField(constant("STATEMENTS", statements.get(Dialect.SQLITE)));
    List<Dialect> others =
        Arrays.stream(Dialect.values())
            .filter(d -> d != Dialect.SQLITE && statements.containsKey(d))
            .toList();
    others.forEach(d -> type.addField(constant(d.name() + "_STATEMENTS", statements.get(d))));
    type.addMethod(
        MethodSpec.methodBuilder("statements")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(LIST_OF_STRING)
            .addStatement("return STATEMENTS")
            .build());
    if (others.isEmpty()) {
      return type;
    }
    CodeBlock.Builder dialects =
        CodeBlock.builder().add("return $T.of($T.SQLITE", Set.class, DIALECT);
    others.forEach(d -> dialects.add(", $T.$L", DIALECT, d.name()));
    type.addMethod(
        MethodSpec.methodBuilder("dialects")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(Set.class), DIALECT))
            .addStatement(dialects.add(")").build())
            .build());
    MethodSpec.Builder byDialect =
        MethodSpec.methodBuilder("statements")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(LIST_OF_STRING)
            .addParameter(DIALECT, "dialect");
    for (Dialect other : others) {
      byDialect
          .beginControlFlow("if (dialect == $T.$L)", DIALECT, other.name())
          .addStatement("return $L_STATEMENTS", other.name())
          .endControlFlow();
    }
    // SQLite's, or the interface's error naming a dialect this schema was not generated for.
    byDialect.addStatement("return $T.super.statements(dialect)", SCHEMA_DEFINITION);
    return type.addMethod(byDialect.build());
  }

  private static FieldSpec constant(String name, List<String> statements) {
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent().indent();
    for (int i = 0; i < statements.size(); i++) {
      list.add("\n$S$L", statements.get(i), i + 1 < statements.size() ? "," : "");
    }
    list.add(")").unindent().unindent();
    return FieldSpec.builder(LIST_OF_STRING, name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(list.build())
        .build();
  }
}
