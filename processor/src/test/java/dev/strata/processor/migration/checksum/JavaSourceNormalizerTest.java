package dev.strata.processor.migration.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavaSourceNormalizerTest {
  @Test
  void commentsAndLayoutGoButMeaningfulSpacesStay() {
    assertEquals(
        "class A{int f(int a,int b){return a- -b;}}",
        JavaSourceNormalizer.normalize(
            """
            /** javadoc */ class A {
              // line
              int f(int a, /* inline */ int b) {
                return a - -b;
              }
            }
            """));
  }

  @Test
  void literalsAndTextBlocksAreKeptExactly() {
    String string = "\"a  // not a comment \\\" /* nor this */\"";
    String character = "'\\''";
    String textBlock = "\"\"\"\n    keep   these   spaces \\\"\"\" // still inside\n    \"\"\"";
    assertEquals(
        "s=" + string + ";c=" + character + ";t=" + textBlock + ";",
        JavaSourceNormalizer.normalize(
            "s = " + string + ";\nc = " + character + ";\nt = " + textBlock + "; // end\n"));
  }

  @Test
  void windowsLineBreaksReadAsUnixOnesEvenInTextBlocks() {
    String unix = "String s = \"\"\"\n    a\n    \"\"\";\n";
    assertEquals(
        JavaSourceNormalizer.normalize(unix),
        JavaSourceNormalizer.normalize(unix.replace("\n", "\r\n")));
  }
}
