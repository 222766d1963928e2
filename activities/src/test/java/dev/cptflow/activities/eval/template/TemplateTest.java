package dev.cptflow.activities.eval.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  /** An ARC-Challenge row as the datasets library gives it. */
  static Map<String, Object> arc() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("question", "Which gas do plants take in?");
    doc.put(
        "choices",
        Map.of(
            "text", List.of("oxygen", "nitrogen", "carbon dioxide", "helium"),
            "label", List.of("A", "B", "C", "D")));
    doc.put("answerKey", "C");
    return doc;
  }

  static String render(String template, Map<String, Object> doc) {
    return Template.compile(template).render(doc);
  }

  @Test
  void literalTextFieldsNestedPathsAndIndexesRenderExactly() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", Map.of("b", Map.of("c", "deep")));
    doc.put("xs", List.of("x0", "x1", "x2"));
    doc.put("rows", List.of(Map.of("name", "r0"), Map.of("name", "r1")));
    doc.put("m", Map.of("odd key", "spaced"));
    assertEquals("no fields here", render("no fields here", doc));
    assertEquals("<deep>", render("<{{a.b.c}}>", doc));
    assertEquals("x0 x2 x2 x1", render("{{ xs[0] }} {{xs[2]}} {{xs[-1]}} {{ xs[-2] }}", doc));
    assertEquals("r1|r0", render("{{rows[1].name}}|{{ rows[-2]['name'] }}", doc));
    assertEquals("deep spaced", render("{{a['b'][\"c\"]}} {{ m['odd key'] }}", doc));
    assertEquals("", render("", doc));
  }

  @Test
  void valuesConvertToTextLikePython() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("i", 42);
    doc.put("l", 1234567890123L);
    doc.put("d", 3.0);
    doc.put("big", 1e7);
    doc.put("f", 0.25);
    doc.put("t", true);
    doc.put("n", null);
    doc.put("xs", Arrays.asList("a", "it's", 1, null, false));
    assertEquals(
        "42 1234567890123 3.0 10000000.0 0.25 True []",
        render("{{i}} {{l}} {{d}} {{big}} {{f}} {{t}} [{{n}}]", doc));
    assertEquals("['a', \"it's\", 1, None, False]", render("{{xs}}", doc));
  }

  @Test
  void newlinesAndLiteralBracesAreKept() {
    Map<String, Object> doc = Map.of("q", "why?");
    assertEquals("Q: why?\n\nA:\t{{x}}", render("Q: {{q}}\n\nA:\t{{ '{{' }}x}}", doc));
    assertEquals("a }} b", render("a }} b", doc));
    assertEquals("{% raw %}", render("{{ '{%' }} raw %}", doc));
    assertEquals("a { b", render("a { b", doc));
    assertEquals("}}", render("{{ \"}}\" }}", doc));
  }

  @Test
  void evaluateReturnsRawValuesForASingleExpression() {
    Map<String, Object> doc = new LinkedHashMap<>(arc());
    doc.put("answer", 3);
    doc.put("none", null);
    Object choices = Template.compile("{{choices.text}}").evaluate(doc);
    assertEquals(List.of("oxygen", "nitrogen", "carbon dioxide", "helium"), choices);
    assertInstanceOf(List.class, choices);
    assertEquals(3, Template.compile("  {{ answer }}\n").evaluate(doc));
    assertInstanceOf(Integer.class, Template.compile("{{ answer }}").evaluate(doc));
    assertNull(Template.compile("{{none}}").evaluate(doc));
    assertEquals("C", Template.compile("{{answerKey}}").evaluate(doc));
    // Anything else renders: text around it, two outputs, or a ~ concatenation.
    assertEquals("answer: 3", Template.compile("answer: {{ answer }}").evaluate(doc));
    assertEquals("33", Template.compile("{{answer}}{{answer}}").evaluate(doc));
    assertEquals("3!", Template.compile("{{answer ~ '!'}}").evaluate(doc));
    assertEquals("literal", Template.compile("literal").evaluate(doc));
  }

  @Test
  void arcTemplatesFromLmEval() {
    Map<String, Object> doc = arc();
    assertEquals(
        "Question: Which gas do plants take in?\nAnswer:",
        render("Question: {{question}}\nAnswer:", doc));
    assertEquals(
        List.of("oxygen", "nitrogen", "carbon dioxide", "helium"),
        Template.compile("{{choices.text}}").evaluate(doc));
    assertEquals(2, Template.compile("{{answerKey | index_in(choices.label)}}").evaluate(doc));
  }

  @Test
  void mmluTemplateFromLmEval() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("question", "  What is 2 + 2?\n");
    doc.put("choices", List.of("3", "4", "5", "22"));
    doc.put("answer", 1);
    String template =
        "{{question | strip}}\n"
            + "A. {{choices[0]}}\n"
            + "B. {{choices[1]}}\n"
            + "C. {{choices[2]}}\n"
            + "D. {{choices[3]}}\n"
            + "Answer:";
    assertEquals("What is 2 + 2?\nA. 3\nB. 4\nC. 5\nD. 22\nAnswer:", render(template, doc));
    assertEquals(1, Template.compile("{{answer}}").evaluate(doc));
  }

  @Test
  void truthfulQaStyleConcatenation() {
    Map<String, Object> doc = Map.of("question", "What is the capital of France?", "n", 7);
    assertEquals("Q: What is the capital of France?", render("{{'Q: ' ~ question}}", doc));
    assertEquals(
        "Q: What is the capital of France?\nA:",
        render("{{ \"Q: \" ~ question ~ \"\\nA:\" }}", doc));
    // filters bind tighter than ~
    assertEquals(
        "Q: WHAT IS THE CAPITAL OF FRANCE?7", render("{{ 'Q: ' ~ question | upper ~ n }}", doc));
    assertEquals(
        "Q: WHAT IS THE CAPITAL OF FRANCE?",
        render("{{ ('q: ' ~ question) | upper | replace('Q:', 'Q:') }}", doc));
  }

  @Test
  void hellaswagStyleDefaultAndReplace() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ctx", "A man is sitting on a roof.");
    doc.put("activity_label", "Roof shingle removal");
    Map<String, Object> withA = new LinkedHashMap<>(doc);
    withA.put("ctx_a", "He starts pulling up roofing.");
    withA.put("ctx_b", null);
    String t = "{{activity_label}}: {{ctx_a | default(ctx)}}";
    assertEquals("Roof shingle removal: A man is sitting on a roof.", render(t, doc));
    assertEquals("Roof shingle removal: He starts pulling up roofing.", render(t, withA));
    assertEquals("none", render("{{ ctx_b | default('none') }}", withA));
    assertEquals("", render("{{ missing | default }}", doc));
    assertEquals("x", render("{{ a.b[3].c | default('x') }}", doc));
    assertEquals(
        "A woman is sitting on a roof.", render("{{ ctx | replace('man', 'woman') }}", doc));
    assertEquals("a-b-a", render("{{ 'a b a' | replace(' ', '-') }}", doc));
  }

  @Test
  void stringFilters() {
    Map<String, Object> doc = Map.of("s", "hELLO wORLD", "ws", "\u00a0\t x y \n");
    assertEquals("Hello world", render("{{ s | capitalize }}", doc));
    assertEquals("Hello world", render("{{ 'hELLO wORLD' | capitalize }}", doc));
    assertEquals("hello world|HELLO WORLD", render("{{ s | lower }}|{{s|upper}}", doc));
    assertEquals("[x y]", render("[{{ ws | strip }}]", doc));
    assertEquals("[x y]", render("[{{ ws | trim }}]", doc));
    assertEquals("ell", render("{{ 'xxellxx' | strip('x') }}", doc));
    assertEquals("", render("{{ '' | capitalize }}", doc));
  }

  @Test
  void listFilters() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("xs", List.of("a", "b", "c"));
    doc.put("nums", List.of(1, 2, 3));
    doc.put("i", 1);
    doc.put("label", 2);
    doc.put("labels", List.of("1", "2", "3"));
    doc.put("s", "h\u00e9llo \ud83d\ude00");
    assertEquals("a, b, c", render("{{ xs | join(', ') }}", doc));
    assertEquals("abc", render("{{ xs | join }}", doc));
    assertEquals("1\n2\n3", render("{{ nums | join('\\n') }}", doc));
    assertEquals("b c a", render("{{ xs | at(i) }} {{ xs | at(-1) }} {{ xs | at(0) }}", doc));
    assertEquals(3, Template.compile("{{ xs | length }}").evaluate(doc));
    assertEquals(7, Template.compile("{{ s | length }}").evaluate(doc));
    // index_in compares as text: the number 2 is found among the strings "1", "2", ...
    assertEquals(1, Template.compile("{{ label | index_in(labels) }}").evaluate(doc));
    assertEquals(0, Template.compile("{{ 'a' | index_in(xs) }}").evaluate(doc));
  }

  @Test
  void intAndStringFilters() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("s", " 42 ");
    doc.put("f", 3.9);
    doc.put("neg", "-2.5");
    doc.put("n", 5);
    assertEquals(42, Template.compile("{{ s | int }}").evaluate(doc));
    assertEquals(3, Template.compile("{{ f | int }}").evaluate(doc));
    assertEquals(-2, Template.compile("{{ neg | int }}").evaluate(doc));
    assertEquals(1, Template.compile("{{ ('1' ~ '') | int }}").evaluate(doc));
    assertEquals("5", Template.compile("{{ n | string }}").evaluate(doc));
    assertEquals(5000000000L, Template.compile("{{ '5000000000' | int }}").evaluate(doc));
  }

  @Test
  void compiledTemplateKeepsItsSource() {
    String src = "Question: {{question}}\nAnswer:";
    assertEquals(src, Template.compile(src).source());
  }
}
