package dev.cptflow.activities.eval.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled template for the {@code doc_to_text} / {@code doc_to_choice} / {@code doc_to_target}
 * fields of lm-evaluation-harness style task files. It is a small, safe subset of Jinja2: literal
 * text with {@code {{ expression }}} outputs, where an expression reads fields of the document (a
 * JSON-like map), concatenates with {@code ~} and applies a fixed set of filters. It cannot call
 * methods or run code, so task files from anywhere can be loaded.
 *
 * <p>Compile once, render per document. Instances are immutable and thread-safe.
 */
public final class Template {
  private final String source;
  private final List<Ast.Part> parts;

  /** The expression when the template is one {{ expression }} with only whitespace around it. */
  private final Ast.Expr single;

  private Template(String source, List<Ast.Part> parts) {
    this.source = source;
    this.parts = parts;
    this.single = single(parts);
  }

  /**
   * Parses once; throws TemplateException with the column and a short reason on a syntax error or
   * unknown filter.
   */
  public static Template compile(String source) {
    Objects.requireNonNull(source, "source");
    return new Template(source, Parser.parse(source));
  }

  /** Renders to text; values are converted to text as Jinja would (null as ""). */
  public String render(Map<String, Object> doc) {
    Objects.requireNonNull(doc, "doc");
    try {
      StringBuilder b = new StringBuilder();
      for (Ast.Part part : parts) {
        if (part instanceof Ast.Text text) {
          b.append(text.text());
        } else {
          b.append(Values.text(Evaluator.eval(((Ast.Output) part).expr(), doc)));
        }
      }
      return b.toString();
    } catch (Evaluator.Failure e) {
      throw TemplateException.evaluation(source, e.getMessage());
    }
  }

  /**
   * When the whole template is exactly one {{ expression }} (surrounding whitespace allowed), the
   * expression's raw value (a List for "{{choices.text}}", an Integer for "{{answer}}", null for a
   * null field); otherwise the rendered String. lm-eval gets the same by literal_eval of the
   * rendered Jinja; here no text is re-parsed, so a String field stays a String even when it looks
   * like a number.
   */
  public Object evaluate(Map<String, Object> doc) {
    if (single == null) {
      return render(doc);
    }
    Objects.requireNonNull(doc, "doc");
    try {
      return Evaluator.eval(single, doc);
    } catch (Evaluator.Failure e) {
      throw TemplateException.evaluation(source, e.getMessage());
    }
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Template[" + source + "]";
  }

  private static Ast.Expr single(List<Ast.Part> parts) {
    Ast.Expr found = null;
    for (Ast.Part part : parts) {
      if (part instanceof Ast.Output output) {
        if (found != null) {
          return null;
        }
        found = output.expr();
      } else if (!((Ast.Text) part).text().isBlank()) {
        return null;
      }
    }
    return found;
  }
}
