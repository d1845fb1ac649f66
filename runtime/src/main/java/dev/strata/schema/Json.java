package dev.strata.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer and strict parser over plain values: {@code Map<String, ?>} (written in its
 * iteration order), {@code List<?>}, {@code String}, {@code Long}, {@code Boolean} and {@code
 * null}. What {@link SchemaSnapshot} and the backup manifest need; numbers are integers.
 */
public final class Json {
  private Json() {}

  /** Pretty-printed with two-space indents and a final newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      writeContainer(
          map.entrySet(),
          '{',
          '}',
          out,
          indent,
          (entry, inner) -> {
            quote((String) entry.getKey(), out);
            out.append(": ");
            write(entry.getValue(), out, inner);
          });
    } else if (value instanceof List<?> list) {
      writeContainer(list, '[', ']', out, indent, (item, inner) -> write(item, out, inner));
    } else if (value instanceof String string) {
      quote(string, out);
    } else if (value == null || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private interface ItemWriter<T> {
    void write(T item, String indent);
  }

  private static <T> void writeContainer(
      Iterable<T> items,
      char open,
      char close,
      StringBuilder out,
      String indent,
      ItemWriter<T> writer) {
    out.append(open);
    String inner = indent + "  ";
    boolean first = true;
    for (T item : items) {
      out.append(first ? "\n" : ",\n").append(inner);
      writer.write(item, inner);
      first = false;
    }
    if (!first) {
      out.append('\n').append(indent);
    }
    out.append(close);
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses one JSON value that must make up the whole text.
   *
   * @throws IllegalArgumentException naming the position of the first error
   */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("trailing characters");
    }
    return value;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Object value() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected '" + c + "'");
        }
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      if (consume('}')) {
        return map;
      }
      do {
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != '"') {
          throw error("expected a key");
        }
        String key = string();
        expect(':');
        if (map.containsKey(key)) {
          throw error("duplicate key " + key);
        }
        map.put(key, value());
      } while (consume(','));
      expect('}');
      return map;
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++;
      if (consume(']')) {
        return list;
      }
      do {
        list.add(value());
      } while (consume(','));
      expect(']');
      return list;
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private Long number() {
      int start = pos;
      if (text.charAt(pos) == '-') {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos < text.length() && ".eE".indexOf(text.charAt(pos)) >= 0) {
        throw error("only integers are supported");
      }
      try {
        return Long.parseLong(text.substring(start, pos));
      } catch (NumberFormatException e) {
        throw error("bad number");
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    private boolean consume(char c) {
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!consume(c)) {
        throw error("expected '" + c + "'");
      }
    }

    void skipWhitespace() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
    }
  }
}
