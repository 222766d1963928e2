package dev.cptflow.activities.eval.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into literal text and the tokens of its {@code {{ ... }}} expressions in one pass.
 * Text and expressions are lexed together (not by searching for "}}") so that a string literal may
 * hold "}}" or "{{": {@code {{ '{{' }}} is how a literal "{{" is written.
 */
final class Lexer {
  enum Kind {
    TEXT("text"),
    OPEN("'{{'"),
    CLOSE("'}}'"),
    IDENT("a name"),
    STRING("a string"),
    INT("an integer"),
    DOT("'.'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    LPAREN("'('"),
    RPAREN("')'"),
    PIPE("'|'"),
    TILDE("'~'"),
    COMMA("','"),
    EOF("the end of the template");

    final String shown;

    Kind(String shown) {
      this.shown = shown;
    }
  }

  /** {@code value} is the text of TEXT, IDENT and STRING tokens and the Integer of INT tokens. */
  record Token(Kind kind, Object value, int pos, int end) {}

  private final String src;
  private final List<Token> out = new ArrayList<>();
  private int pos;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.out;
  }

  private void run() {
    while (pos < src.length()) {
      int open = nextDelimiter(pos);
      if (open > pos || open < 0) {
        int end = open < 0 ? src.length() : open;
        out.add(new Token(Kind.TEXT, src.substring(pos, end), pos, end));
        pos = end;
      }
      if (open < 0) {
        break;
      }
      char second = src.charAt(open + 1);
      if (second != '{') {
        // Jinja would treat these as a block or a comment; rendering them literally would silently
        // differ from lm-eval, so they are refused. A literal one is written {{ '{%' }}.
        throw error(
            (second == '%' ? "'{%' blocks" : "'{#' comments")
                + " are not supported (write a literal one as {{ '{"
                + second
                + "' }})",
            open);
      }
      out.add(new Token(Kind.OPEN, null, open, open + 2));
      pos = open + 2;
      expression(open);
    }
    out.add(new Token(Kind.EOF, null, src.length(), src.length()));
  }

  /** The offset of the next "{{", "{%" or "{#" at or after {@code from}, or -1. */
  private int nextDelimiter(int from) {
    for (int i = src.indexOf('{', from);
        i >= 0 && i + 1 < src.length();
        i = src.indexOf('{', i + 1)) {
      char c = src.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  /** Tokens up to and including the "}}" that closes the "{{" at {@code open}. */
  private void expression(int open) {
    while (true) {
      while (pos < src.length() && isSpace(src.charAt(pos))) {
        pos++;
      }
      if (pos >= src.length()) {
        throw error("'{{' is never closed by '}}'", open);
      }
      int start = pos;
      char c = src.charAt(pos);
      if (c == '}' && src.startsWith("}}", pos)) {
        pos += 2;
        out.add(new Token(Kind.CLOSE, null, start, pos));
        return;
      }
      if (c == '\'' || c == '"') {
        string(c);
      } else if (isDigit(c)
          || (c == '-' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
        integer();
      } else if (isIdentStart(c)) {
        pos++;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
          pos++;
        }
        out.add(new Token(Kind.IDENT, src.substring(start, pos), start, pos));
      } else {
        Kind kind =
            switch (c) {
              case '.' -> Kind.DOT;
              case '[' -> Kind.LBRACKET;
              case ']' -> Kind.RBRACKET;
              case '(' -> Kind.LPAREN;
              case ')' -> Kind.RPAREN;
              case '|' -> Kind.PIPE;
              case '~' -> Kind.TILDE;
              case ',' -> Kind.COMMA;
              default ->
                  throw error(
                      "unexpected character '" + TemplateException.escape(String.valueOf(c)) + "'",
                      pos);
            };
        pos++;
        out.add(new Token(kind, null, start, pos));
      }
    }
  }

  private void string(char quote) {
    int start = pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw error("string is never closed", start);
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= src.length()) {
        throw error("string is never closed", start);
      }
      char e = src.charAt(pos++);
      switch (e) {
        case '\\', '\'', '"' -> b.append(e);
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        default ->
            throw error("unknown escape '\\" + e + "' (known: \\\\ \\' \\\" \\n \\t \\r)", pos - 2);
      }
    }
    out.add(new Token(Kind.STRING, b.toString(), start, pos));
  }

  private void integer() {
    int start = pos++;
    while (pos < src.length() && isDigit(src.charAt(pos))) {
      pos++;
    }
    String digits = src.substring(start, pos);
    try {
      out.add(new Token(Kind.INT, Integer.parseInt(digits), start, pos));
    } catch (NumberFormatException e) {
      throw error("integer " + digits + " is too large", start);
    }
  }

  private TemplateException error(String reason, int at) {
    return TemplateException.syntax(src, reason, at);
  }

  // ASCII only, on purpose: Unicode "digits" and letters must not become names or numbers.
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
