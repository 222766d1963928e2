package dev.cptflow.activities.eval.template;

import static dev.cptflow.activities.eval.template.Values.repr;
import static dev.cptflow.activities.eval.template.Values.text;
import static dev.cptflow.activities.eval.template.Values.typeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Evaluates expressions against a document. The only operations on values are map lookups, list
 * indexing and the filters in {@link #FILTERS}: nothing here can reach a method of a document value
 * chosen by the template, which is what makes templates from task files safe to run.
 */
final class Evaluator {
  private Evaluator() {}

  /** An evaluation error's reason; {@link Template} adds the template's name. No stack trace. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * A filter gets its input, its arguments on demand ({@code arg.apply(i)}, so that {@code
   * default(x)} only looks up x when it is needed) and its call, for messages.
   */
  interface Fn {
    Object apply(Object input, IntFunction<Object> arg, Ast.FilterCall call);
  }

  record Filter(int minArgs, int maxArgs, Fn fn) {
    String arity() {
      if (minArgs == maxArgs) {
        return maxArgs == 0
            ? "no arguments"
            : maxArgs + (maxArgs == 1 ? " argument" : " arguments");
      }
      return minArgs + " to " + maxArgs + " arguments";
    }
  }

  /** The whole filter table, in the order error messages list it. */
  static final Map<String, Filter> FILTERS;

  static {
    Map<String, Filter> f = new LinkedHashMap<>();
    Fn strip =
        (in, arg, call) ->
            Values.strip(text(in), call.args().isEmpty() ? null : text(arg.apply(0)));
    f.put("strip", new Filter(0, 1, strip));
    f.put("trim", new Filter(0, 1, strip));
    f.put("lower", new Filter(0, 0, (in, arg, call) -> text(in).toLowerCase(Locale.ROOT)));
    f.put("upper", new Filter(0, 0, (in, arg, call) -> text(in).toUpperCase(Locale.ROOT)));
    f.put("capitalize", new Filter(0, 0, (in, arg, call) -> Values.capitalize(text(in))));
    f.put(
        "replace",
        new Filter(
            2, 2, (in, arg, call) -> text(in).replace(text(arg.apply(0)), text(arg.apply(1)))));
    f.put("join", new Filter(0, 1, Evaluator::join));
    f.put("index_in", new Filter(1, 1, Evaluator::indexIn));
    f.put("at", new Filter(1, 1, Evaluator::at));
    f.put("length", new Filter(0, 0, Evaluator::length));
    // The input of default is looked up leniently (see eval); null and missing both take the
    // default.
    f.put(
        "default",
        new Filter(
            0, 1, (in, arg, call) -> in != null ? in : call.args().isEmpty() ? "" : arg.apply(0)));
    f.put("int", new Filter(0, 0, (in, arg, call) -> toInt(in)));
    f.put("string", new Filter(0, 0, (in, arg, call) -> text(in)));
    FILTERS = Collections.unmodifiableMap(f);
  }

  static Object eval(Ast.Expr e, Map<String, Object> doc) {
    if (e instanceof Ast.Literal literal) {
      return literal.value();
    }
    if (e instanceof Ast.Path path) {
      return resolve(path, doc, false);
    }
    if (e instanceof Ast.Concat concat) {
      StringBuilder b = new StringBuilder();
      for (Ast.Expr part : concat.parts()) {
        b.append(text(eval(part, doc)));
      }
      return b.toString();
    }
    Ast.FilterCall call = (Ast.FilterCall) e;
    // Only directly under default may a field be missing: "{{ctx_a | default(ctx)}}" is the idiom,
    // while a missing field anywhere else is a typo that must not become an empty prompt.
    Object in =
        call.name().equals("default") && call.input() instanceof Ast.Path path
            ? resolve(path, doc, true)
            : eval(call.input(), doc);
    return FILTERS.get(call.name()).fn().apply(in, i -> eval(call.args().get(i), doc), call);
  }

  /**
   * Follows a path through maps and lists. Lenient: a missing key, an index out of range or a null
   * on the way gives null instead of an error (a value of the wrong type is still an error).
   */
  static Object resolve(Ast.Path path, Map<String, Object> doc, boolean lenient) {
    Object current = doc;
    String shown = null; // the path so far, as written; null for the document itself
    int n = path.steps().size();
    for (int s = -1; s < n; s++) {
      Object step = s < 0 ? path.root() : path.steps().get(s);
      String next = shown == null ? (String) step : shown + stepText(step);
      String owner = shown == null ? "document" : "'" + shown + "'";
      if (current == null) {
        if (lenient) {
          return null;
        }
        throw new Failure(
            "'"
                + shown
                + "' is null, so it has no "
                + (step instanceof String ? "field '" + step + "'" : "item [" + step + "]"));
      }
      if (step instanceof String key) {
        if (!(current instanceof Map<?, ?> map)) {
          throw new Failure(
              owner + " is " + typeName(current) + ", not a map, so it has no field '" + key + "'");
        }
        if (!map.containsKey(key)) {
          if (lenient) {
            return null;
          }
          throw new Failure("no field '" + next + "' (" + owner + " " + keys(map) + ")");
        }
        current = map.get(key);
      } else {
        int index = (Integer) step;
        if (!(current instanceof List<?> list)) {
          throw new Failure(
              owner
                  + " is "
                  + typeName(current)
                  + ", not a list, so it has no item ["
                  + index
                  + "]");
        }
        int i = index < 0 ? index + list.size() : index;
        if (i < 0 || i >= list.size()) {
          if (lenient) {
            return null;
          }
          throw new Failure(
              "index " + index + " is out of range for " + owner + " (length " + list.size() + ")");
        }
        current = list.get(i);
      }
      shown = next;
    }
    return current;
  }

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static String stepText(Object step) {
    if (step instanceof String key) {
      return IDENT.matcher(key).matches() ? "." + key : "[" + Values.quote(key) + "]";
    }
    return "[" + step + "]";
  }

  /** "has: a, b, c" - the fields a typo was probably meant to name. */
  private static String keys(Map<?, ?> map) {
    if (map.isEmpty()) {
      return "has no fields";
    }
    StringBuilder b = new StringBuilder("has: ");
    int shown = 0;
    for (Object key : map.keySet()) {
      if (shown == 20) {
        return b.append(", ... (").append(map.size()).append(" in all)").toString();
      }
      b.append(shown++ == 0 ? "" : ", ").append(key);
    }
    return b.toString();
  }

  // ---- filters that need more than a line ----

  private static Object join(Object in, IntFunction<Object> arg, Ast.FilterCall call) {
    List<?> list = list(in, call, call.inputText());
    String sep = call.args().isEmpty() ? "" : text(arg.apply(0));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      b.append(i == 0 ? "" : sep).append(text(list.get(i)));
    }
    return b.toString();
  }

  /** lm-eval's {@code choices.label.index(answerKey)}; compared as text so 1 finds "1". */
  private static Object indexIn(Object in, IntFunction<Object> arg, Ast.FilterCall call) {
    String listText = call.argTexts().get(0);
    List<?> list = list(arg.apply(0), call, listText);
    String key = text(in);
    for (int i = 0; i < list.size(); i++) {
      if (text(list.get(i)).equals(key)) {
        return i;
      }
    }
    throw new Failure(
        "filter 'index_in': "
            + named(call.inputText(), in)
            + " is not in "
            + named(listText, list));
  }

  private static Object at(Object in, IntFunction<Object> arg, Ast.FilterCall call) {
    List<?> list = list(in, call, call.inputText());
    Object index = arg.apply(0);
    if (!(index instanceof Integer || index instanceof Long)) {
      throw new Failure(
          "filter 'at': index "
              + named(call.argTexts().get(0), index)
              + " is "
              + typeName(index)
              + ", not an integer");
    }
    long i = ((Number) index).longValue();
    long j = i < 0 ? i + list.size() : i;
    if (j < 0 || j >= list.size()) {
      throw new Failure(
          "filter 'at': index "
              + i
              + " is out of range for '"
              + call.inputText()
              + "' (length "
              + list.size()
              + ")");
    }
    return list.get((int) j);
  }

  private static Object length(Object in, IntFunction<Object> arg, Ast.FilterCall call) {
    if (in instanceof String s) {
      return s.codePointCount(0, s.length()); // Python's len counts code points
    }
    if (in instanceof List<?> list) {
      return list.size();
    }
    if (in instanceof Map<?, ?> map) {
      return map.size();
    }
    throw new Failure(
        "filter 'length': '"
            + call.inputText()
            + "' is "
            + typeName(in)
            + ", not a string, list or map");
  }

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /**
   * Jinja's int: integers as they are, floats truncated toward zero, text parsed (as an integer,
   * else as a decimal number, then truncated). Unlike Jinja, which silently gives 0, anything else
   * fails.
   */
  static Object toInt(Object in) {
    BigInteger value = null;
    if (in instanceof Integer || in instanceof Long || in instanceof Short || in instanceof Byte) {
      value = BigInteger.valueOf(((Number) in).longValue());
    } else if (in instanceof BigInteger b) {
      value = b;
    } else if (in instanceof Boolean b) {
      value = b ? BigInteger.ONE : BigInteger.ZERO;
    } else if (in instanceof Double || in instanceof Float || in instanceof BigDecimal) {
      double d = ((Number) in).doubleValue();
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        value = (in instanceof BigDecimal b ? b : new BigDecimal(d)).toBigInteger();
      }
    } else if (in instanceof String s) {
      String t = Values.strip(s, null);
      if (INTEGER.matcher(t).matches()) {
        value = new BigInteger(t);
      } else if (DECIMAL.matcher(t).matches()) {
        value = new BigDecimal(t).toBigInteger();
      }
    }
    if (value == null) {
      throw new Failure(
          "filter 'int': cannot convert "
              + typeName(in)
              + " "
              + shorten(repr(in))
              + " to an integer");
    }
    if (value.bitLength() < 32) {
      return value.intValue();
    }
    if (value.bitLength() < 64) {
      return value.longValue();
    }
    throw new Failure("filter 'int': " + value + " is too large");
  }

  private static List<?> list(Object value, Ast.FilterCall call, String text) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new Failure(
        "filter '" + call.name() + "': '" + text + "' is " + typeName(value) + ", not a list");
  }

  /** "answerKey 'E'"; just "'E'" when the expression was the literal itself. */
  private static String named(String expressionText, Object value) {
    String shown = shorten(repr(value));
    return expressionText.equals(shown) ? shown : expressionText + " " + shown;
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
