package dev.cptflow.activities.eval.template;

import java.util.List;

/**
 * The parsed form of a template. Immutable, so a compiled Template can be shared between threads.
 */
final class Ast {
  private Ast() {}

  /** A template is a sequence of literal text and {@code {{ expression }}} outputs. */
  sealed interface Part permits Text, Output {}

  record Text(String text) implements Part {}

  record Output(Expr expr) implements Part {}

  sealed interface Expr permits Literal, Path, Concat, FilterCall {}

  /** A String or Integer written in the template. */
  record Literal(Object value) implements Expr {}

  /**
   * A field of the document: {@code root} then steps, each a String (map key) or an Integer (list
   * index, negative from the end). Only map keys and list indexes are ever looked up: no getters,
   * no methods, whatever the name.
   */
  record Path(String root, List<Object> steps) implements Expr {}

  /** {@code a ~ b ~ c}: each part converted to text and concatenated. */
  record Concat(List<Expr> parts) implements Expr {}

  /**
   * {@code input | name(args)}. The source texts of the input and the arguments are kept for error
   * messages ("answerKey 'E' is not in choices.label [...]").
   */
  record FilterCall(
      Expr input, String name, List<Expr> args, String inputText, List<String> argTexts)
      implements Expr {}
}
