package dev.strata.processor.entity;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Renders {@code StrataSchema}: the ordered DDL as a constant list behind SchemaDefinition. */
public final class SchemaClass {
  public static final String SIMPLE_NAME = "StrataSchema";
  public static final String SCHEMA_DEFINITION_NAME = "dev.strata.spi.SchemaDefinition";
  private static final ClassName SCHEMA_DEFINITION = ClassName.bestGuess(SCHEMA_DEFINITION_NAME);

  private SchemaClass() {}

  public static TypeSpec.Builder render(List<String> statements) {
    TypeName listOfString =
        ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent().indent();
    for (int i = 0; i < statements.size(); i++) {
      list.add("\n$S$L", statements.get(i), i + 1 < statements.size() ? "," : "");
    }
    list.add(")").unindent().unindent();

    return TypeSpec.classBuilder(SIMPLE_NAME)
        .addJavadoc(
            "The schema of this module's {@code @Entity} and {@code @View} classes, as"
                + " the DDL\nthat creates it, in creation order.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(SCHEMA_DEFINITION)
        .addField(
            FieldSpec.builder(listOfString, "STATEMENTS")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(list.build())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("statements")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(listOfString)
                .addStatement("return STATEMENTS")
                .build());
  }
}
