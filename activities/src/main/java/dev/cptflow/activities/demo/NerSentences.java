package dev.cptflow.activities.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentences in the style of SEC loan agreements (the FIN-NER data of Alvarado et al. 2015), tagged
 * with IO tags for persons, organisations and locations. Two entities of one type are never adjacent,
 * since IO tags could not separate them.
 */
final class NerSentences {
  record Token(String text, String pos, String tag) {
    /** One CoNLL line: {@code token POS _ tag}. */
    String conll() {
      return text + " " + pos + " _ " + tag;
    }
  }

  private static final List<String> FIRST = List.of(
      "John", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "James", "Patricia", "Thomas",
      "Jennifer", "William", "Elizabeth");
  private static final List<String> INITIALS = List.of("A.", "B.", "C.", "J.", "M.", "R.", "L.", "W.");
  private static final List<String> LAST = List.of(
      "Smith", "Johnson", "Miller", "Davis", "Anderson", "Taylor", "Moore", "Jackson", "Harris", "Clark", "Lewis",
      "Walker", "Young", "Wright");
  private static final List<String> ORG_PARTS = List.of(
      "Norvik", "Aalto", "Kesla", "Solvia", "Harmaja", "Merivo", "Lumora", "Rovena", "Sarvik", "Brenna",
      "Granite", "Summit", "Bluewater", "Redwood", "Ironbridge", "Cedar");
  private static final List<String> ORG_TAILS = List.of(
      "Capital Partners LLC", "Funding Corp.", "Bank", "Lending Trust", "Holdings Inc.", "Credit Company",
      "Financial Group LLC", "Industries Inc.", "Realty L.P.");
  private static final List<String> STATES = List.of(
      "Delaware", "New York", "Texas", "Nevada", "Maryland", "California", "Illinois", "Minnesota", "Ohio");
  private static final List<String> CITIES = List.of(
      "Chicago", "Houston", "Boston", "Wilmington", "Charlotte", "Dallas", "Minneapolis", "Denver", "Atlanta",
      "New York");
  /** City and the state it is in, for "in CITY , STATE". */
  private static final List<List<String>> CITY_STATES = List.of(
      List.of("Chicago", "Illinois"), List.of("Houston", "Texas"), List.of("Dallas", "Texas"),
      List.of("Boston", "Massachusetts"), List.of("Wilmington", "Delaware"), List.of("Charlotte", "North Carolina"),
      List.of("Minneapolis", "Minnesota"), List.of("Denver", "Colorado"), List.of("Atlanta", "Georgia"),
      List.of("New York", "New York"));
  private static final List<String> MONTHS = List.of(
      "January", "March", "April", "June", "July", "September", "October", "December");

  /**
   * Templates: {@code word/POS} tokens, and slots {@code {ORG}}, {@code {PER}}, {@code {STATE}},
   * {@code {CITY}}, {@code {CITY_STATE}}, {@code {DATE}}, {@code {AMOUNT}}.
   */
  private static final List<String> TEMPLATES = List.of(
      "This/DT Agreement/NNP is/VBZ entered/VBN into/IN by/IN {ORG} ,/, a/DT {STATE} limited/JJ liability/NN"
          + " company/NN ,/, and/CC {PER} ./.",
      "{PER} shall/MD serve/VB as/IN Administrative/NNP Agent/NNP for/IN the/DT Lenders/NNPS ./.",
      "The/DT Borrower/NNP shall/MD maintain/VB its/PRP$ chief/JJ executive/JJ office/NN in/IN {CITY} ./.",
      "This/DT Agreement/NNP shall/MD be/VB governed/VBN by/IN the/DT laws/NNS of/IN the/DT State/NNP of/IN {STATE} ./.",
      "IN/IN WITNESS/NN WHEREOF/NN ,/, {ORG} has/VBZ caused/VBN this/DT Agreement/NNP to/TO be/VB executed/VBN by/IN"
          + " {PER} ,/, its/PRP$ Chief/NNP Executive/NNP Officer/NNP ./.",
      "{PER} ,/, as/IN Guarantor/NNP ,/, hereby/RB guarantees/VBZ the/DT obligations/NNS of/IN {ORG} under/IN"
          + " this/DT Agreement/NNP ./.",
      "{ORG} ,/, as/IN Lender/NNP ,/, agrees/VBZ to/TO make/VB a/DT term/NN loan/NN to/TO the/DT Borrower/NNP in/IN"
          + " the/DT amount/NN of/IN {AMOUNT} ./.",
      "All/DT notices/NNS to/TO the/DT Lender/NNP shall/MD be/VB delivered/VBN to/TO {PER} at/IN the/DT offices/NNS"
          + " of/IN {ORG} in/IN {CITY} ./.",
      "The/DT Borrower/NNP is/VBZ a/DT corporation/NN duly/RB organized/VBN under/IN the/DT laws/NNS of/IN"
          + " the/DT State/NNP of/IN {STATE} ./.",
      "{ORG} may/MD assign/VB its/PRP$ rights/NNS under/IN the/DT Note/NNP with/IN the/DT prior/JJ written/JJ"
          + " consent/NN of/IN the/DT Borrower/NNP ./.",
      "Payments/NNS shall/MD be/VB made/VBN to/TO the/DT account/NN of/IN the/DT Lender/NNP at/IN {ORG} in/IN {CITY} ./.",
      "{PER} ,/, Secretary/NNP of/IN {ORG} ,/, certifies/VBZ that/IN the/DT resolutions/NNS remain/VBP in/IN"
          + " full/JJ force/NN and/CC effect/NN ./.",
      "The/DT Security/NNP Agreement/NNP dated/VBN as/IN of/IN {DATE} between/IN {ORG} and/CC the/DT Lender/NNP"
          + " remains/VBZ in/IN effect/NN ./.",
      "Any/DT dispute/NN shall/MD be/VB resolved/VBN in/IN the/DT courts/NNS located/VBN in/IN {CITY_STATE} ./.",
      "The/DT Borrower/NNP shall/MD repay/VB the/DT Loans/NNS in/IN full/JJ on/IN {DATE} ,/, as/IN confirmed/VBN"
          + " by/IN {PER} ./.");

  private NerSentences() {}

  /** {@code count} sentences, every template used before any is used again, none repeated. */
  static List<List<Token>> sentences(Pick pick, int count) {
    List<List<Token>> sentences = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<String> order = new ArrayList<>();
    int attempts = 0;
    while (sentences.size() < count) {
      if (order.isEmpty()) {
        order.addAll(TEMPLATES);
        pick.shuffle(order);
      }
      List<Token> sentence = fill(order.get(order.size() - 1), pick);
      String text = sentence.stream().map(Token::text).reduce((a, b) -> a + " " + b).orElseThrow();
      if (seen.contains(text)) {
        if (++attempts > 1000) {
          throw new IllegalStateException("NER: cannot draw " + count + " distinct sentences");
        }
        continue;
      }
      order.remove(order.size() - 1);
      seen.add(text);
      sentences.add(sentence);
    }
    return sentences;
  }

  private static List<Token> fill(String template, Pick pick) {
    List<Token> tokens = new ArrayList<>();
    for (String part : template.split(" ")) {
      switch (part) {
        case "{ORG}":
          entity(tokens, pick.one(ORG_PARTS) + " " + pick.one(ORG_TAILS), "I-ORG");
          break;
        case "{PER}":
          entity(tokens, pick.one(FIRST) + (pick.chance(0.6) ? " " + pick.one(INITIALS) : "") + " " + pick.one(LAST), "I-PER");
          break;
        case "{STATE}":
          entity(tokens, pick.one(STATES), "I-LOC");
          break;
        case "{CITY}":
          entity(tokens, pick.one(CITIES), "I-LOC");
          break;
        case "{CITY_STATE}": {
          List<String> place = pick.one(CITY_STATES);
          entity(tokens, place.get(0), "I-LOC");
          tokens.add(new Token(",", ",", "O"));
          entity(tokens, place.get(1), "I-LOC");
          break;
        }
        case "{DATE}":
          tokens.add(new Token(pick.one(MONTHS), "NNP", "O"));
          tokens.add(new Token(Integer.toString(pick.between(1, 28)), "CD", "O"));
          tokens.add(new Token(",", ",", "O"));
          tokens.add(new Token(Integer.toString(pick.between(2012, 2021)), "CD", "O"));
          break;
        case "{AMOUNT}":
          tokens.add(new Token("$", "$", "O"));
          tokens.add(new Token(Pick.grouped(pick.between(5, 250) * 1_000_000L), "CD", "O"));
          break;
        default: {
          int slash = part.lastIndexOf('/');
          tokens.add(new Token(part.substring(0, slash), part.substring(slash + 1), "O"));
        }
      }
    }
    return tokens;
  }

  private static void entity(List<Token> tokens, String text, String tag) {
    for (String word : text.split(" ")) {
      tokens.add(new Token(word, "NNP", tag));
    }
  }
}
