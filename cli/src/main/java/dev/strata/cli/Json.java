package dev.strata.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code --json} output: maps (in their iteration order), lists, strings, integral
 * numbers, booleans and null, indented by two spaces. The runtime's JSON helper is not public API,
 * and this is all the CLI needs, so no JSON library is bundled for it.
 */
final class Json {
  private final StringBuilder out = new StringBuilder();

  private Json() {}

  /** {@code value} as a JSON document ending in a newline. */
  static String write(Object value) {
    Json json = new Json();
    json.value(value, "");
    return json.out.append('\n').toString();
  }

  private void value(Object value, String indent) {
    if (value == null || value instanceof Boolean || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Integer number) {
      out.append(number.longValue());
    } else if (value instanceof String text) {
      string(text);
    } else if (value instanceof Map<?, ?> map) {
      members(map.entrySet().iterator(), '{', '}', indent);
    } else if (value instanceof List<?> list) {
      members(list.iterator(), '[', ']', indent);
    } else {
      throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
    }
  }

  /** The elements of an array, or the entries of an object, one per line. */
  private void members(Iterator<?> members, char open, char close, String indent) {
    out.append(open);
    if (!members.hasNext()) {
      out.append(close);
      return;
    }
    String inner = indent + "  ";
    while (members.hasNext()) {
      out.append('\n').append(inner);
      Object member = members.next();
      if (member instanceof Map.Entry<?, ?> entry) {
        string((String) entry.getKey());
        out.append(": ");
        value(entry.getValue(), inner);
      } else {
        value(member, inner);
      }
      out.append(members.hasNext() ? "," : "");
    }
    out.append('\n').append(indent).append(close);
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
