package dev.strata.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@code META-INF/strata/index} in the class output: every Strata-annotated type that went into the
 * output's registry and schema, with what its class file cannot tell (the checksum of a Java
 * migration, computed from source, and whether it sits in an auxiliary class). The next compilation
 * into the same output reads it back, as AutoService merges its service files, so that compiling a
 * few files (an IDE, an incremental build, {@code javac} on one file) regenerates the whole
 * registry and schema.
 *
 * <p>One line per type, sorted by qualified name: the name, then {@code checksum=<value>} for a
 * Java migration and {@code auxiliary} for a migration declared in a file named after another
 * class. Lines starting with {@code #} are comments; unknown tokens are ignored, so that a later
 * format can add some. No timestamps: the file is byte-identical for identical inputs.
 */
record OutputIndex(SortedMap<String, Entry> entries) {
  static final String PATH = GeneratedOutput.RESOURCE_DIR + "index";

  private static final String HEADER =
      "# Strata index, format 1: the annotated types of this class output. Generated; do not"
          + " edit.\n"
          + "# A compilation of some files into this output reads the others back from it.\n";
  private static final String CHECKSUM = "checksum=";
  private static final String AUXILIARY = "auxiliary";

  /**
   * @param checksum a Java migration's checksum, or {@code null}
   */
  record Entry(String checksum, boolean auxiliary) {
    static final Entry PLAIN = new Entry(null, false);
  }

  static final OutputIndex EMPTY = new OutputIndex(Collections.emptySortedMap());

  OutputIndex {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** The index a previous compilation left in the class output; empty when there is none. */
  static OutputIndex read(Filer filer) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (InputStream in = file.openInputStream()) {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException absent) {
      // No previous output, or a file manager that cannot read its output back: a full build.
      return EMPTY;
    }
  }

  static OutputIndex parse(String text) {
    SortedMap<String, Entry> entries = new TreeMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] tokens = trimmed.split("\\s+");
      String checksum = null;
      boolean auxiliary = false;
      for (int i = 1; i < tokens.length; i++) {
        if (tokens[i].startsWith(CHECKSUM)) {
          checksum = tokens[i].substring(CHECKSUM.length());
        } else if (tokens[i].equals(AUXILIARY)) {
          auxiliary = true;
        }
      }
      entries.put(tokens[0], new Entry(checksum, auxiliary));
    }
    return new OutputIndex(entries);
  }

  Optional<Entry> entry(String qualifiedName) {
    return Optional.ofNullable(entries.get(qualifiedName));
  }

  String render() {
    StringBuilder text = new StringBuilder(HEADER);
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      text.append(e.getKey());
      if (e.getValue().checksum() != null) {
        text.append(' ').append(CHECKSUM).append(e.getValue().checksum());
      }
      if (e.getValue().auxiliary()) {
        text.append(' ').append(AUXILIARY);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
