package dev.strata.processor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tables are named by strings here; {@code parents} maps a table to the tables it references. */
class TableOrderTest {

  private static List<String> order(Map<String, Set<String>> parents) {
    return TableOrder.sort(
        new ArrayList<>(parents.keySet()), Comparator.naturalOrder(), t -> t, parents::get);
  }

  @Test
  void parentsComeFirstAndTiesGoByName() {
    assertEquals(
        List.of("a", "b", "c"), order(Map.of("c", Set.of("a", "b"), "b", Set.of(), "a", Set.of())));
    assertEquals(List.of("z", "y"), order(Map.of("y", Set.of("z"), "z", Set.of())));
  }

  /** A table outside a cycle waits for the cycle it references. */
  @Test
  void aCycleIsBrokenBeforeItsChildren() {
    assertEquals(
        List.of("b", "c", "a"),
        order(Map.of("a", Set.of("c"), "b", Set.of("c"), "c", Set.of("b"))));
  }

  @Test
  void aSelfReferenceNeverBlocks() {
    assertEquals(
        List.of("category", "part"),
        order(Map.of("part", Set.of("category"), "category", Set.of("category"))));
  }

  /** A cycle waits until every table its members reference outside it is placed. */
  @Test
  void separateCyclesAreEachBrokenWhenTheirParentsArePlaced() {
    // b <-> x references p <-> q through x; m hangs off x.
    Map<String, Set<String>> parents =
        Map.of(
            "m", Set.of("x"),
            "b", Set.of("x"),
            "x", Set.of("b", "q"),
            "p", Set.of("q"),
            "q", Set.of("p"));
    assertEquals(List.of("p", "q", "b", "x", "m"), order(parents));
  }

  /** Parents that are not tables here (a reference already reported as wrong) never block. */
  @Test
  void unknownParentsAreIgnored() {
    assertEquals(List.of("a", "b"), order(Map.of("b", Set.of("a"), "a", Set.of("nowhere"))));
  }

  @Test
  void theOrderDoesNotDependOnTheInputOrder() {
    Map<String, Set<String>> parents =
        Map.of(
            "a",
            Set.of("c"),
            "b",
            Set.of("c"),
            "c",
            Set.of("b", "d"),
            "d",
            Set.of("e"),
            "e",
            Set.of("d"),
            "f",
            Set.of("f", "a"));
    List<String> expected = order(parents);
    List<String> tables = new ArrayList<>(parents.keySet());
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(tables, random);
      assertEquals(
          expected,
          TableOrder.sort(List.copyOf(tables), Comparator.naturalOrder(), t -> t, parents::get));
    }
    assertEquals(List.of("d", "e", "b", "c", "a", "f"), expected);
  }
}
