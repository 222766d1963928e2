package dev.cptflow.activities.eval.template;

import dev.cptflow.activities.eval.template.Lexer.Kind;
import dev.cptflow.activities.eval.template.Lexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the lexer's tokens.
 *
 * <pre>
 * template := ( TEXT | '{{' expr '}}' )*
 * expr     := filtered ( '~' filtered )*
 * filtered := primary ( '|' NAME ( '(' expr ( ',' expr )* ')' )? )*
 * primary  := path | STRING | INT | '(' expr ')'
 * path     := NAME ( '.' NAME | '[' INT ']' | '[' STRING ']' )*
 * </pre>
 *
 * Filter names and argument counts are checked here, so a typo fails when the task is loaded rather
 * than on the first document.
 */
final class Parser {
  private final String src;
  private final List<Token> tokens;
  private int next;

  private Parser(String src) {
    this.src = src;
    this.tokens = Lexer.lex(src);
  }

  static List<Ast.Part> parse(String src) {
    return new Parser(src).template();
  }

  private List<Ast.Part> template() {
    List<Ast.Part> parts = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      Token t = take();
      if (t.kind() == Kind.TEXT) {
        parts.add(new Ast.Text((String) t.value()));
      } else {
        // The lexer only emits TEXT, OPEN and EOF outside expressions.
        parts.add(new Ast.Output(expr()));
        expect(Kind.CLOSE, "'}}' or an operator ('|' or '~')");
      }
    }
    return List.copyOf(parts);
  }

  private Ast.Expr expr() {
    List<Ast.Expr> parts = new ArrayList<>();
    parts.add(filtered());
    while (peek().kind() == Kind.TILDE) {
      take();
      parts.add(filtered());
    }
    return parts.size() == 1 ? parts.get(0) : new Ast.Concat(List.copyOf(parts));
  }

  private Ast.Expr filtered() {
    int start = peek().pos();
    Ast.Expr e = primary();
    while (peek().kind() == Kind.PIPE) {
      String inputText = src.substring(start, previousEnd()).trim();
      Token pipe = take();
      Token name = expect(Kind.IDENT, "a filter name after '|'");
      String filter = (String) name.value();
      Evaluator.Filter def = Evaluator.FILTERS.get(filter);
      if (def == null) {
        throw TemplateException.syntax(
            src,
            "unknown filter '"
                + filter
                + "' (known: "
                + String.join(", ", Evaluator.FILTERS.keySet())
                + ")",
            pipe.pos());
      }
      List<Ast.Expr> args = new ArrayList<>();
      List<String> argTexts = new ArrayList<>();
      if (peek().kind() == Kind.LPAREN) {
        take();
        if (peek().kind() != Kind.RPAREN) {
          while (true) {
            int argStart = peek().pos();
            args.add(expr());
            argTexts.add(src.substring(argStart, previousEnd()).trim());
            if (peek().kind() != Kind.COMMA) {
              break;
            }
            take();
          }
        }
        expect(Kind.RPAREN, "',' or ')' in the arguments of '" + filter + "'");
      }
      if (args.size() < def.minArgs() || args.size() > def.maxArgs()) {
        throw TemplateException.syntax(
            src,
            "filter '" + filter + "' takes " + def.arity() + ", got " + args.size(),
            pipe.pos());
      }
      e = new Ast.FilterCall(e, filter, List.copyOf(args), inputText, List.copyOf(argTexts));
    }
    return e;
  }

  private Ast.Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case STRING, INT -> {
        take();
        return new Ast.Literal(t.value());
      }
      case LPAREN -> {
        take();
        Ast.Expr inner = expr();
        expect(Kind.RPAREN, "')'");
        return inner;
      }
      case IDENT -> {
        return path();
      }
      default -> throw unexpected(t, "a field name, a string, an integer or '('");
    }
  }

  private Ast.Expr path() {
    Token root = take();
    List<Object> steps = new ArrayList<>();
    while (true) {
      Kind k = peek().kind();
      if (k == Kind.DOT) {
        take();
        steps.add(expect(Kind.IDENT, "a field name after '.'").value());
      } else if (k == Kind.LBRACKET) {
        take();
        Token key = peek();
        if (key.kind() != Kind.INT && key.kind() != Kind.STRING) {
          throw unexpected(key, "an integer or a string inside '[...]'");
        }
        steps.add(take().value());
        expect(Kind.RBRACKET, "']'");
      } else if (k == Kind.LPAREN) {
        // The one thing a Jinja user might try that must never work: calling something.
        throw TemplateException.syntax(
            src,
            "calls are not supported (filters are written 'value | name(args)')",
            peek().pos());
      } else {
        return new Ast.Path((String) root.value(), List.copyOf(steps));
      }
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    return tokens.get(next++);
  }

  private int previousEnd() {
    return tokens.get(next - 1).end();
  }

  private Token expect(Kind kind, String what) {
    if (peek().kind() != kind) {
      throw unexpected(peek(), what);
    }
    return take();
  }

  private TemplateException unexpected(Token t, String expected) {
    String found =
        switch (t.kind()) {
          case IDENT -> "'" + t.value() + "'";
          case INT -> String.valueOf(t.value());
          default -> t.kind().shown;
        };
    return TemplateException.syntax(src, "expected " + expected + ", found " + found, t.pos());
  }
}
