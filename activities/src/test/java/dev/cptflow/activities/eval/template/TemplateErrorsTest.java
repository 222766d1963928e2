package dev.cptflow.activities.eval.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateErrorsTest {
  static TemplateException compileError(String template) {
    return assertThrows(TemplateException.class, () -> Template.compile(template));
  }

  static TemplateException renderError(String template, Map<String, Object> doc) {
    Template t = Template.compile(template); // must compile: the error is the document's
    TemplateException e = assertThrows(TemplateException.class, () -> t.render(doc));
    // evaluate fails the same way, whichever path it takes
    assertEquals(
        e.getMessage(), assertThrows(TemplateException.class, () -> t.evaluate(doc)).getMessage());
    return e;
  }

  static void assertOneLine(TemplateException e) {
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
  }

  @Test
  void unknownFilterFailsAtCompileTimeWithItsColumn() {
    TemplateException e = compileError("{{question | shout}}");
    assertEquals(
        "template \"{{question | shout}}\": unknown filter 'shout' (known: strip, trim, lower,"
            + " upper, capitalize, replace, join, index_in, at, length, default, int, string) at"
            + " column 12",
        e.getMessage());
  }

  @Test
  void multiLineTemplatesGiveLineAndColumnOnOneLine() {
    TemplateException e = compileError("Question: {{question}}\nAnswer: {{ answer | uper }}");
    assertOneLine(e);
    assertTrue(
        e.getMessage()
            .startsWith("template \"Question: {{question}}\\nAnswer: {{ answer | uper }}\": "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "unknown filter 'uper' (known: strip, trim, lower, upper, capitalize, replace,"
                    + " join, index_in, at, length, default, int, string) at line 2, column 19"),
        e.getMessage());
  }

  @Test
  void wrongArgumentCountFailsAtCompileTime() {
    assertTrue(
        compileError("{{ x | replace('a') }}")
            .getMessage()
            .endsWith(": filter 'replace' takes 2 arguments, got 1 at column 6"));
    assertTrue(
        compileError("{{ x | lower(1) }}")
            .getMessage()
            .endsWith(": filter 'lower' takes no arguments, got 1 at column 6"));
  }

  @Test
  void syntaxErrorsNameTheProblemAndColumn() {
    assertEquals(
        "template \"a {{ b \": '{{' is never closed by '}}' at column 3",
        compileError("a {{ b ").getMessage());
    assertEquals(
        "template \"{{ }}\": expected a field name, a string, an integer or '(', found '}}' at"
            + " column 4",
        compileError("{{ }}").getMessage());
    assertEquals(
        "template \"{{ 'abc }}\": string is never closed at column 4",
        compileError("{{ 'abc }}").getMessage());
    assertTrue(
        compileError("{{ a b }}")
            .getMessage()
            .endsWith("expected '}}' or an operator ('|' or '~'), found 'b' at column 6"));
    assertTrue(
        compileError("{{ a[b] }}")
            .getMessage()
            .endsWith("expected an integer or a string inside '[...]', found 'b' at column 6"));
    assertTrue(compileError("{{ 'a\\q' }}").getMessage().contains("unknown escape '\\q'"));
    assertTrue(
        compileError("{{ a + b }}").getMessage().endsWith("unexpected character '+' at column 6"));
    assertTrue(
        compileError("{% if x %}y{% endif %}")
            .getMessage()
            .contains("'{%' blocks are not supported"));
    assertTrue(compileError("{# note #}").getMessage().contains("'{#' comments are not supported"));
    assertTrue(
        compileError("{{ 99999999999 }}")
            .getMessage()
            .contains("integer 99999999999 is too large"));
  }

  @Test
  void javaMethodsAndDunderAttributesAreNeverReachable() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("doc", Map.of("q", "x"));
    doc.put("x", "text");
    doc.put("question", "q");
    // Calls do not parse.
    for (String call :
        List.of(
            "{{ doc.getClass() }}",
            "{{ x.getClass().forName('java.lang.Runtime') }}",
            "{{ question.toUpperCase() }}",
            "{{ x.__class__.__init__() }}",
            "{{ x | lower() .getClass() }}")) {
      TemplateException e = compileError(call);
      assertOneLine(e);
    }
    assertTrue(
        compileError("{{ doc.getClass() }}")
            .getMessage()
            .endsWith(
                "calls are not supported (filters are written 'value | name(args)') at column 16"));
    // Names that would be attributes in Python or getters in Java are just map keys that are
    // absent.
    assertEquals(
        "template \"{{ doc.getClass }}\": no field 'doc.getClass' ('doc' has: q)",
        renderError("{{ doc.getClass }}", doc).getMessage());
    assertEquals(
        "template \"{{ x.__class__ }}\": 'x' is a string, not a map, so it has no field"
            + " '__class__'",
        renderError("{{ x.__class__ }}", doc).getMessage());
    assertEquals(
        "template \"{{ __class__ }}\": no field '__class__' (document has: doc, x, question)",
        renderError("{{ __class__ }}", doc).getMessage());
  }

  @Test
  void aNonJsonValueIsRefusedNotStringified() {
    Map<String, Object> doc =
        Map.of(
            "o",
            new Object() {
              @Override
              public String toString() {
                throw new AssertionError("toString must not be called");
              }
            });
    Template t = Template.compile("[{{ o }}]");
    TemplateException e = assertThrows(TemplateException.class, () -> t.render(doc));
    assertTrue(
        e.getMessage().startsWith("template \"[{{ o }}]\": unsupported value of type "),
        e.getMessage());
    // evaluate hands back the document's own value untouched, as it does for lists and maps
    assertTrue(Template.compile("{{ o }}").evaluate(doc) == doc.get("o"));
  }

  @Test
  void missingFieldErrorsNameTheTemplateTheFieldAndWhatExists() {
    Map<String, Object> doc = new LinkedHashMap<>(TemplateTest.arc());
    doc.put("nothing", null);
    assertEquals(
        "template \"{{questoin}}\": no field 'questoin' (document has: question, choices,"
            + " answerKey, nothing)",
        renderError("{{questoin}}", doc).getMessage());
    TemplateException nested = renderError("Q: {{question}}\n{{ choices.txt[0] }}", doc);
    assertOneLine(nested);
    assertTrue(
        nested
            .getMessage()
            .startsWith(
                "template \"Q: {{question}}\\n"
                    + "{{ choices.txt[0] }}\": no field 'choices.txt' ('choices' has: "),
        nested.getMessage());
    assertEquals(
        "template \"{{choices.text[4]}}\": index 4 is out of range for 'choices.text' (length 4)",
        renderError("{{choices.text[4]}}", doc).getMessage());
    assertTrue(
        renderError("{{choices.text[-5]}}", doc)
            .getMessage()
            .endsWith("index -5 is out of range for 'choices.text' (length 4)"));
    assertTrue(
        renderError("{{nothing.x}}", doc)
            .getMessage()
            .endsWith(": 'nothing' is null, so it has no field 'x'"));
    assertTrue(
        renderError("{{question[0]}}", doc)
            .getMessage()
            .endsWith(": 'question' is a string, not a list, so it has no item [0]"));
    // Only directly under default is a missing field allowed.
    assertTrue(
        renderError("{{ ctx_a | strip | default('x') }}", doc)
            .getMessage()
            .endsWith("no field 'ctx_a' (document has: question, choices, answerKey, nothing)"));
    // default's own argument is only looked up when needed, and then strictly.
    assertEquals("Q", Template.compile("{{ 'Q' | default(nope) }}").render(doc));
    assertTrue(
        renderError("{{ ctx_a | default(ctx) }}", doc).getMessage().contains("no field 'ctx'"));
  }

  @Test
  void filterErrorsNameBothSides() {
    Map<String, Object> doc =
        Map.of(
            "answerKey",
            "E",
            "choices",
            Map.of("label", List.of("A", "B", "C", "D")),
            "n",
            3,
            "xs",
            Arrays.asList("a", null));
    assertEquals(
        "template \"{{answerKey | index_in(choices.label)}}\": filter 'index_in': answerKey 'E' is"
            + " not in choices.label ['A', 'B', 'C', 'D']",
        renderError("{{answerKey | index_in(choices.label)}}", doc).getMessage());
    assertTrue(
        renderError("{{ n | index_in(answerKey) }}", doc)
            .getMessage()
            .endsWith("filter 'index_in': 'answerKey' is a string, not a list"));
    assertTrue(
        renderError("{{ xs | at(2) }}", doc)
            .getMessage()
            .endsWith("filter 'at': index 2 is out of range for 'xs' (length 2)"));
    assertTrue(
        renderError("{{ xs | at('1') }}", doc)
            .getMessage()
            .endsWith("filter 'at': index '1' is a string, not an integer"));
    assertTrue(
        renderError("{{ n | join(',') }}", doc)
            .getMessage()
            .endsWith("filter 'join': 'n' is a number, not a list"));
    assertTrue(
        renderError("{{ n | length }}", doc)
            .getMessage()
            .endsWith("filter 'length': 'n' is a number, not a string, list or map"));
    assertTrue(
        renderError("{{ answerKey | int }}", doc)
            .getMessage()
            .endsWith("filter 'int': cannot convert a string 'E' to an integer"));
  }
}
