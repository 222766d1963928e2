package dev.cptflow.activities.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finance news in the style of the Financial PhraseBank: listed (mostly Nordic) companies, their
 * sales, profits, orders, dividends, acquisitions and share prices, in EUR mn and percentages. The
 * same roster of seeded companies and the same sentence patterns feed the corpus' finance stories,
 * the unlabeled task text and the labelled FPB lines, as in the real setting where the finance
 * sub-domain of a web corpus and the task text come from the same kind of news.
 */
final class FinanceText {
  enum Tone {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }

  record Company(String name, String shortName, List<String> products) {}

  private static final List<String> PREFIXES = List.of(
      "Norvik", "Aalto", "Kesla", "Solvia", "Harmaja", "Kivela", "Taljo", "Merivo", "Lumora", "Ostra",
      "Virkko", "Palka", "Rovena", "Sarvik", "Ilves", "Koivu", "Lapvik", "Marjala", "Nordra", "Pohjo",
      "Saimo", "Tervo", "Uusika", "Vaskio", "Hallin", "Jokela", "Karmo", "Lehtora", "Mantyla", "Peltra",
      "Rajala", "Salmio", "Valkea", "Ylvik", "Brenna", "Eskola");
  private static final List<String> SUFFIXES = List.of("Oyj", "Group", "Holdings", "Plc", "Corporation", "AB", "ASA");
  /** Sector word for the name (may be left out) and what such a company sells. */
  private static final List<List<String>> SECTORS = List.of(
      List.of("Paper", "paperboard", "magazine paper", "packaging materials", "pulp"),
      List.of("Steel", "stainless steel", "steel tubes", "heavy plate", "wire products"),
      List.of("Technologies", "automation systems", "industrial sensors", "control software", "measurement devices"),
      List.of("Foods", "dairy products", "bakery products", "frozen foods", "meat products"),
      List.of("Energy", "wind turbines", "district heating", "power plants", "biofuels"),
      List.of("Logistics", "freight forwarding", "warehousing services", "container handling", "road transport"),
      List.of("Telecom", "mobile subscriptions", "broadband services", "network equipment", "data centre services"),
      List.of("Marine", "ferries", "ship engines", "cargo vessels", "propulsion systems"),
      List.of("Construction", "residential housing", "commercial premises", "infrastructure projects", "building materials"),
      List.of("Software", "banking software", "cloud services", "IT consulting", "enterprise software"),
      List.of("Retail", "groceries", "home electronics", "clothing", "hardware stores"),
      List.of("Engineering", "elevators", "cranes", "mining equipment", "process pumps"));

  private static final List<String> PERIODS = List.of(
      "the first quarter of %d", "January-March %d", "the second quarter of %d", "April-June %d",
      "the third quarter of %d", "July-September %d", "the fourth quarter of %d", "October-December %d",
      "the first half of %d", "January-June %d", "the full year %d", "%d");
  private static final List<String> SALES = List.of("net sales", "revenue", "sales");
  private static final List<String> PROFITS = List.of(
      "operating profit", "profit before taxes", "net profit", "comparable operating profit", "EBITDA",
      "operating income", "pre-tax profit");
  private static final List<String> UP = List.of("rose", "increased", "grew");
  private static final List<String> DOWN = List.of("fell", "decreased", "declined");
  private static final List<String> FIRST = List.of(
      "Anna", "Mikko", "Pekka", "Sari", "Jukka", "Hanna", "Timo", "Laura", "Matti", "Kaisa", "Jari", "Outi",
      "Erik", "Lena", "Henrik", "Ingrid");
  private static final List<String> LAST = List.of(
      "Virtanen", "Korhonen", "Nieminen", "Makinen", "Hamalainen", "Laine", "Heikkinen", "Koskinen",
      "Jarvinen", "Lehtonen", "Salonen", "Rantanen", "Lindqvist", "Berg", "Holm", "Dahl");
  private static final List<String> CITIES = List.of(
      "Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Vaasa", "Lahti", "Stockholm", "Gothenburg", "Oslo");
  private static final List<String> COUNTRIES = List.of(
      "Finland", "Sweden", "Estonia", "Poland", "Germany", "Russia", "Norway", "China", "the US", "Denmark");
  private static final List<String> EXCHANGES = List.of(
      "the Helsinki Stock Exchange", "the Stockholm Stock Exchange", "the Oslo Stock Exchange");
  private static final List<String> MONTHS = List.of(
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December");

  private final List<Company> companies;

  /** Builds a roster of companies, one per name prefix, from seeded parts. */
  FinanceText(Pick pick) {
    List<Company> roster = new ArrayList<>();
    for (String prefix : PREFIXES) {
      List<String> sector = pick.one(SECTORS);
      String suffix = pick.one(SUFFIXES);
      String name = pick.chance(0.6) ? prefix + " " + sector.get(0) + " " + suffix : prefix + " " + suffix;
      roster.add(new Company(name, prefix, sector.subList(1, sector.size())));
    }
    this.companies = List.copyOf(roster);
  }

  List<Company> companies() {
    return companies;
  }

  /** One company, one period, for a sentence or a whole story; names the company in full once. */
  private final class Story {
    final Pick pick;
    final Company company;
    final Company other;
    final int year;
    final String period;
    private boolean named;
    /** Kinds of directional and neutral statement already told, so a story states each fact once. */
    private final boolean[] toldDirectional = new boolean[9];
    private final boolean[] toldNeutral = new boolean[11];

    Story(Pick pick) {
      this.pick = pick;
      this.company = pick.one(companies);
      Company second = pick.one(companies);
      while (second == company) {
        second = pick.one(companies);
      }
      this.other = second;
      this.year = pick.between(2018, 2024);
      this.period = pick.one(PERIODS).replace("%d", Integer.toString(year));
    }

    /** The full name the first time, then the short name. */
    String co() {
      if (named) {
        return company.shortName();
      }
      named = true;
      return company.name();
    }

    String product() {
      return pick.one(company.products());
    }

    String eur(double low, double high) {
      return "EUR " + pick.decimal(low, high) + (pick.chance(0.75) ? " mn" : " million");
    }

    String pct() {
      return pick.decimal(1, 40) + " %";
    }

    String person() {
      return pick.one(FIRST) + " " + pick.one(LAST);
    }

    String date() {
      return pick.between(1, 28) + " " + pick.one(MONTHS) + (pick.chance(0.5) ? " " + (year + 1) : "");
    }

    /** A day and month, no year: for dates whose year the period already implies. */
    String dayMonth() {
      return pick.between(1, 28) + " " + pick.one(MONTHS);
    }

    /** A kind not yet told in this story (any kind once all are told); cases 1 and 2 are both about sales. */
    int untold(boolean[] told, int sameAs, int sameAsOther) {
      int kind = pick.between(0, told.length - 1);
      for (int tries = 0; told[kind] && tries < 20; tries++) {
        kind = pick.between(0, told.length - 1);
      }
      told[kind] = true;
      if (kind == sameAs || kind == sameAsOther) {
        told[sameAs] = true;
        told[sameAsOther] = true;
      }
      return kind;
    }

    String prior() {
      return pick.chance(0.5) ? "in the corresponding period of " + (year - 1) : "a year earlier";
    }
  }

  /** A single FPB-style sentence whose tone follows from its wording. */
  String statement(Tone tone, Pick pick) {
    return statement(tone, new Story(pick));
  }

  /** A single sentence of unlabeled task text: a statement of any tone, or other company news. */
  String taskSentence(Pick pick) {
    Story story = new Story(pick);
    return pick.chance(0.7) ? statement(pick.one(List.of(Tone.values())), story) : other(story);
  }

  /** {@code Holdings'}, {@code Norvik Oyj's}. */
  private static String possessive(String name) {
    return name.endsWith("s") ? name + "'" : name + "'s";
  }

  /** A multi-sentence news story about one company, of at least {@code minWords} words. */
  String story(Pick pick, int minSentences, int maxSentences, int minWords) {
    Story story = new Story(pick);
    Tone tone = pick.one(List.of(Tone.values()));
    List<Function<Story, String>> body = new ArrayList<>(List.of(
        s -> statement(tone, s),
        s -> statement(tone, s),
        s -> quote(tone, s),
        s -> context(tone, s),
        s -> market(tone, s),
        this::other,
        s -> statement(Tone.NEUTRAL, s),
        this::closing));
    pick.shuffle(body);
    int target = pick.between(minSentences, maxSentences);
    List<String> sentences = new ArrayList<>();
    sentences.add(statement(tone, story));
    int words = words(sentences.get(0));
    for (Function<Story, String> maker : body) {
      if (sentences.size() >= maxSentences || (sentences.size() >= target && words >= minWords)) {
        break;
      }
      String sentence = maker.apply(story);
      if (!sentences.contains(sentence)) {
        sentences.add(sentence);
        words += words(sentence);
      }
    }
    return String.join(" ", sentences);
  }

  static int words(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  private String statement(Tone tone, Story s) {
    return tone == Tone.NEUTRAL ? neutral(s) : directional(s, tone == Tone.POSITIVE);
  }

  private String directional(Story s, boolean up) {
    Pick p = s.pick;
    String verb = p.one(up ? UP : DOWN);
    switch (s.untold(s.toldDirectional, 1, 2)) {
      case 0: {
        String[] xy = p.ordered(5, 400, up);
        return possessive(s.co()) + " " + p.one(PROFITS) + " " + verb + " to EUR " + xy[0] + " mn in " + s.period + " from EUR "
            + xy[1] + " mn " + s.prior() + ".";
      }
      case 1:
        return s.co() + " said its " + p.one(SALES) + " " + verb + " by " + s.pct() + " to " + s.eur(50, 2500) + " in "
            + s.period + ".";
      case 2:
        return "In " + s.period + ", " + possessive(s.co()) + " " + p.one(SALES) + " " + verb + " " + s.pct()
            + " year-on-year to " + s.eur(50, 2500) + ".";
      case 3: {
        String[] xy = p.ordered(2, 18, up);
        return "The operating margin of " + s.co() + " " + (up ? "improved" : "weakened") + " to " + xy[0] + " % from "
            + xy[1] + " % " + s.prior() + ".";
      }
      case 4:
        return "Shares in " + s.co() + " " + (up ? "rose" : "fell") + " " + p.decimal(1, 15) + " % in early trading after "
            + "the company " + (up ? "raised" : "lowered") + " its outlook for " + s.year + ".";
      case 5:
        return possessive(s.co()) + " order intake " + verb + " to " + s.eur(20, 900) + " in " + s.period + ", "
            + (up ? "driven by strong demand for " : "reflecting weak demand for ") + s.product() + ".";
      case 6: {
        String[] xy = p.ordered(1, 3, up);
        return "Earnings per share " + (up ? p.one(List.of("rose", "improved")) : p.one(List.of("fell", "weakened")))
            + " to EUR 0." + xy[0].replace(".", "") + " from EUR 0." + xy[1].replace(".", "") + " in " + s.period
            + ", " + s.co() + " said.";
      }
      case 7:
        return possessive(s.co()) + " order backlog " + verb + " by " + s.pct() + " to " + s.eur(50, 1500) + " at the end of "
            + s.period + ".";
      default:
        return s.co() + " said its " + p.one(PROFITS) + " " + (up ? "improved" : "weakened") + " in " + s.period
            + " and amounted to " + s.eur(2, 300) + ".";
    }
  }

  private String neutral(Story s) {
    Pick p = s.pick;
    switch (s.untold(s.toldNeutral, -1, -1)) {
      case 0:
        return s.co() + " will publish its financial report for " + s.period + " on " + s.dayMonth() + ".";
      case 1:
        return s.co() + " has appointed " + s.person() + " as chief financial officer as of " + s.date() + ".";
      case 2:
        return "The annual general meeting of " + s.co() + " will be held in " + p.one(CITIES) + " on " + s.date() + ".";
      case 3:
        return s.co() + " employs some " + p.between(2, 95) * 100 + " people in " + p.between(3, 30) + " countries.";
      case 4:
        return s.co() + " has been listed on " + p.one(EXCHANGES) + " since " + p.between(1988, 2016) + ".";
      case 5: {
        List<String> where = p.distinct(COUNTRIES, 3);
        return s.co() + " has subsidiaries in " + p.between(4, 24) + " countries, the largest of them in " + where.get(0)
            + ", " + where.get(1) + " and " + where.get(2) + ".";
      }
      case 6:
        return "The head office of " + s.co() + " is located in " + p.one(CITIES) + ".";
      case 7:
        return s.co() + " and " + s.other.name() + " signed the agreement on " + s.date() + ".";
      case 8:
        return possessive(s.co()) + " " + p.one(SALES) + " in " + s.year + " totalled " + s.eur(50, 2500) + ".";
      case 9:
        return "The transaction is expected to be completed by the end of " + (s.year + 1) + ", " + s.co() + " said.";
      default:
        return s.co() + " will hold a news conference for analysts and media in " + p.one(CITIES) + " on " + s.date() + ".";
    }
  }

  /** Company news that the labelled FPB lines leave out: dividends, acquisitions, orders, jobs, investments. */
  private String other(Story s) {
    Pick p = s.pick;
    switch (p.between(0, 7)) {
      case 0:
        return "The board of " + s.co() + " will propose a dividend of EUR 0." + p.between(10, 95) + " per share for "
            + s.year + ".";
      case 1:
        return s.co() + " has agreed to acquire the " + s.product() + " business of " + s.other.name() + " for "
            + s.eur(10, 600) + ".";
      case 2:
        return s.co() + " has won an order worth " + s.eur(5, 250) + " to supply " + s.product() + " to a customer in "
            + p.one(COUNTRIES) + ".";
      case 3:
        return s.co() + " will cut up to " + p.between(20, 600) + " jobs at its " + p.one(CITIES)
            + " unit as part of a cost savings programme.";
      case 4:
        return s.co() + " expects its net sales for " + s.year + " to be at the same level as in " + (s.year - 1) + ".";
      case 5:
        return s.co() + " will invest " + s.eur(5, 200) + " in new " + s.product() + " capacity in " + p.one(CITIES) + ".";
      case 6:
        return "The deal with " + s.co() + ", worth " + s.eur(5, 300) + ", includes an option for further deliveries of "
            + s.product() + ".";
      default:
        return s.co() + " said the acquisition of " + s.other.name() + " will be financed with cash and a new bank loan.";
    }
  }

  private String quote(Tone tone, Story s) {
    String said = s.pick.chance(0.5) ? "said CEO " + s.person() : s.person() + ", chief executive of " + s.co() + ", said";
    switch (tone) {
      case POSITIVE:
        return "\"We are pleased with the development of our order intake and margins in " + s.period + ",\" " + said + ".";
      case NEGATIVE:
        return "\"Market conditions for " + s.product() + " remained challenging throughout the period,\" " + said + ".";
      default:
        return "\"Our focus remains on profitable growth in " + s.product() + ",\" " + said + ".";
    }
  }

  private String context(Tone tone, Story s) {
    switch (tone) {
      case POSITIVE:
        return "Analysts had expected a weaker result, and the report was well received by investors.";
      case NEGATIVE:
        return "The result was below analysts' expectations, mainly due to higher raw material and energy costs.";
      default:
        return "The figures were in line with analysts' expectations for " + s.period + ".";
    }
  }

  private String market(Tone tone, Story s) {
    String level = tone == Tone.POSITIVE ? "strong" : tone == Tone.NEGATIVE ? "weak" : "stable";
    return "Demand for " + s.product() + " in " + s.pick.one(List.of("Europe", "the Nordic countries", "Russia", "Asia"))
        + " remained " + level + " during " + s.period + ".";
  }

  private String closing(Story s) {
    Pick p = s.pick;
    switch (p.between(0, 2)) {
      case 0:
        return "The company will hold a conference call for investors on " + s.date() + ".";
      case 1:
        return "The full interim report is available on the company's website.";
      default:
        return "The company will publish its next financial report on " + s.date() + ".";
    }
  }
}
