package dev.cptflow.activities.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Web-like general documents on five topics, each with its own vocabulary, far from finance news:
 * recipes, match reports, travel notes, gardening advice and popular science.
 */
final class GeneralText {
  enum Topic {
    COOKING,
    SPORTS,
    TRAVEL,
    GARDENING,
    SCIENCE;

    /** The corpus {@code source} field: {@code general/cooking}. */
    String source() {
      return "general/" + name().toLowerCase(Locale.ROOT);
    }
  }

  private static final List<String> INGREDIENTS = List.of(
      "onions", "garlic", "carrots", "potatoes", "mushrooms", "tomatoes", "spinach", "chickpeas", "lentils",
      "leeks", "courgettes", "red peppers", "cabbage", "sweet potatoes", "aubergines", "butter beans", "celery");
  private static final List<String> SPICES = List.of(
      "cumin", "smoked paprika", "thyme", "rosemary", "oregano", "black pepper", "chili flakes", "turmeric",
      "ground coriander", "nutmeg", "cinnamon", "bay leaves", "fresh basil");
  private static final List<String> DISHES = List.of(
      "soup", "stew", "curry", "risotto", "casserole", "salad", "omelette", "pie", "flatbread", "pancakes",
      "tomato sauce", "vegetable tart", "chowder", "lasagne");
  private static final List<String> PANS = List.of(
      "frying pan", "saucepan", "large pot", "baking dish", "wok", "cast-iron skillet", "roasting tin");
  private static final List<String> HEAT = List.of("low", "medium", "medium-high", "gentle");

  private static final List<String> TOWNS = List.of(
      "Riverside", "Ashford", "Kingsbury", "Millbrook", "Northgate", "Eastwood", "Westfield", "Oakridge",
      "Lakeside", "Stonebridge", "Elmwood", "Harbourton");
  private static final List<String> CLUBS = List.of("United", "Rovers", "City", "Athletic", "Wanderers", "Rangers");
  private static final List<String> PLAYER_FIRST = List.of(
      "Marco", "Luis", "Jamie", "Tomas", "Aaron", "Kofi", "Daniel", "Ryan", "Nico", "Samir", "Callum", "Mateo");
  private static final List<String> PLAYER_LAST = List.of(
      "Alvarez", "Okafor", "Brennan", "Silva", "Novak", "Hughes", "Kowalski", "Moreno", "Fletcher", "Doyle",
      "Mensah", "Ortega");
  private static final List<String> DAYS = List.of(
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

  private static final List<String> PLACES = List.of(
      "Lisbon", "Kyoto", "the Scottish Highlands", "Patagonia", "the Amalfi Coast", "Marrakesh", "Reykjavik",
      "Hanoi", "the Dolomites", "Cape Town", "Quebec City", "Tasmania", "Porto", "Cusco");
  private static final List<String> SIGHTS = List.of(
      "old town", "harbour", "cathedral", "night market", "coastal hiking trail", "castle", "hot springs",
      "sandy beach", "hilltop fortress", "botanical garden", "lighthouse", "waterfall");
  private static final List<String> TRANSPORT = List.of(
      "train", "ferry", "night bus", "rental car", "bicycle", "tram", "cable car");

  private static final List<String> PLANTS = List.of(
      "tomatoes", "roses", "lavender", "courgettes", "runner beans", "strawberries", "tulips", "dahlias",
      "hostas", "raspberries", "sweet peas", "basil", "apple trees", "sunflowers", "peonies");
  private static final List<String> BEDS = List.of(
      "raised bed", "greenhouse", "vegetable patch", "flower border", "window box", "allotment", "herb garden");
  private static final List<String> PESTS = List.of("slugs", "aphids", "snails", "vine weevils", "caterpillars", "whitefly");

  private static final List<String> SUBJECTS = List.of(
      "black holes", "coral reefs", "migratory birds", "soil bacteria", "volcanoes", "glaciers", "exoplanets",
      "proteins", "neurons", "dinosaur fossils", "comets", "ocean currents", "honeybees", "deep-sea fish");
  private static final List<String> INSTITUTES = List.of(
      "a university in Norway", "the national observatory", "a marine research institute", "a laboratory in Kyoto",
      "a university hospital", "a polar research station", "a natural history museum");
  private static final List<String> INSTRUMENTS = List.of(
      "a new space telescope", "an electron microscope", "underwater drones", "a radio telescope array",
      "high-resolution satellite images", "a particle detector");
  private static final List<String> SCIENTISTS = List.of(
      "Professor Elena Marsh", "Professor Ian Doyle", "Professor Priya Raman", "Professor Oliver Grant",
      "Maria Costa, the lead author,", "the biologist Tom Akers", "the physicist Ana Ruiz");

  private final List<List<Function<Pick, String>>> templates = List.of(cooking(), sports(), travel(), gardening(), science());

  /** A document of {@code minSentences..maxSentences} sentences and at least {@code minWords} words where it can. */
  String document(Topic topic, Pick pick, int minSentences, int maxSentences, int minWords) {
    List<Function<Pick, String>> makers = new ArrayList<>(templates.get(topic.ordinal()));
    pick.shuffle(makers);
    int target = pick.between(minSentences, maxSentences);
    List<String> sentences = new ArrayList<>();
    int words = 0;
    for (Function<Pick, String> maker : makers) {
      if (sentences.size() >= maxSentences || (sentences.size() >= target && words >= minWords)) {
        break;
      }
      String sentence = capitalize(maker.apply(pick));
      sentences.add(sentence);
      words += FinanceText.words(sentence);
    }
    return String.join(" ", sentences);
  }

  private static String capitalize(String sentence) {
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }

  private static String team(Pick p) {
    return p.one(TOWNS) + " " + p.one(CLUBS);
  }

  /** Two different teams joined by {@code verb}. */
  private static String teams(Pick p, String verb) {
    String first = team(p);
    String second = team(p);
    while (second.startsWith(first.substring(0, first.indexOf(' ') + 1))) {
      second = team(p);
    }
    return first + verb + second;
  }

  private static String player(Pick p) {
    return p.one(PLAYER_FIRST) + " " + p.one(PLAYER_LAST);
  }

  private static List<Function<Pick, String>> cooking() {
    return List.of(
        p -> "Heat a splash of olive oil in a " + p.one(PANS) + " over " + p.one(HEAT) + " heat and add the "
            + p.one(INGREDIENTS) + ".",
        p -> "Cook the " + p.one(INGREDIENTS) + " for " + p.between(3, 15) + " minutes, stirring now and then, until soft and golden.",
        p -> "Season the " + p.one(DISHES) + " with " + p.one(SPICES) + ", a pinch of salt and a little " + p.one(SPICES) + ".",
        p -> "This " + p.one(DISHES) + " serves " + p.between(2, 8) + " people and keeps in the fridge for up to "
            + p.between(2, 5) + " days.",
        p -> "Chop the " + p.one(INGREDIENTS) + " finely and set them aside while you peel the " + p.one(INGREDIENTS) + ".",
        p -> "Pour in the stock, bring it to the boil and let the " + p.one(DISHES) + " simmer gently for "
            + p.between(10, 60) + " minutes.",
        p -> "Preheat the oven to " + p.between(16, 22) * 10 + " degrees and grease the " + p.one(PANS) + " with butter.",
        p -> "My grandmother always made " + p.one(DISHES) + " on Sunday evenings with fresh " + p.one(INGREDIENTS)
            + " from the village market.",
        p -> "Serve the " + p.one(DISHES) + " warm with crusty bread, a spoonful of yogurt and some chopped parsley.",
        p -> "If you prefer a milder flavour, leave out the " + p.one(SPICES) + " and add more " + p.one(INGREDIENTS) + ".",
        p -> "A good " + p.one(DISHES) + " depends on slow cooking, so do not rush the " + p.one(INGREDIENTS) + ".",
        p -> "Leftover " + p.one(DISHES) + " can be frozen in small portions and reheated on the stove.",
        p -> "Whisk " + p.between(2, 4) + " eggs with the flour and milk until the batter is smooth and glossy.",
        p -> "Taste the sauce and adjust the seasoning before you stir in the " + p.one(SPICES) + ".");
  }

  private static List<Function<Pick, String>> sports() {
    return List.of(
        p -> {
          int home = p.between(1, 5);
          return teams(p, " beat ") + " " + home + "-" + p.between(0, home - 1) + " at home on " + p.one(DAYS)
              + " night in front of a crowd of " + Pick.grouped(p.between(3, 40) * 1000L) + " fans.";
        },
        p -> player(p) + " scored twice in the second half to keep " + team(p) + " in the race for the title.",
        p -> "The coach praised the defence but admitted that the midfield lost too many duels against " + team(p) + ".",
        p -> team(p) + " have now won " + p.between(3, 6) + " of their last " + p.between(7, 10) + " league matches.",
        p -> "The referee awarded a late penalty after " + player(p) + " was brought down in the box.",
        p -> "Injuries to the first-choice goalkeeper and two defenders left the squad thin for the cup tie.",
        p -> "Tickets for the final at the " + p.one(TOWNS) + " stadium sold out within hours.",
        p -> player(p) + ", who joined from " + team(p) + " in the summer, has settled quickly into the starting eleven.",
        p -> "The marathon runners set off at dawn, and " + player(p) + " crossed the finish line in 2 hours "
            + p.between(5, 40) + " minutes.",
        p -> "After the match, supporters kept singing in the stands long after the final whistle.",
        p -> "The young striker has scored " + p.between(5, 25) + " goals this season and is attracting attention from bigger clubs.",
        p -> teams(p, " host ") + " next " + p.one(DAYS) + " in a game that could decide the championship.",
        p -> "The tennis semi-final went to a deciding set, with " + player(p) + " holding serve under pressure.",
        p -> "Training resumes on " + p.one(DAYS) + " morning, and the coach expects a full squad for the derby.");
  }

  private static List<Function<Pick, String>> travel() {
    return List.of(
        p -> "We arrived in " + p.one(PLACES) + " by " + p.one(TRANSPORT) + " late in the afternoon and checked into a "
            + "small guesthouse near the " + p.one(SIGHTS) + ".",
        p -> "The best time to visit " + p.one(PLACES) + " is in late spring, before the summer crowds arrive.",
        p -> "Pack comfortable walking shoes, because the " + p.one(SIGHTS) + " is best explored on foot.",
        p -> "A day pass for the " + p.one(TRANSPORT) + " is cheap and covers most of the sights.",
        p -> "From the top of the hill, the view over the " + p.one(SIGHTS) + " and the sea is unforgettable.",
        p -> "Our guide told us stories about the " + p.one(SIGHTS) + ", which dates back to the " + p.between(11, 18)
            + "th century.",
        p -> "Many travellers skip the " + p.one(SIGHTS) + ", but it was the highlight of our trip to " + p.one(PLACES) + ".",
        p -> "Book your room early if you plan to visit " + p.one(PLACES) + " during the festival season.",
        p -> "The street food is delicious, especially the grilled skewers sold near the " + p.one(SIGHTS) + ".",
        p -> "We spent " + p.between(2, 9) + " nights in " + p.one(PLACES) + " and still felt there was more to discover.",
        p -> "Remember to carry a rain jacket, as the weather in " + p.one(PLACES) + " can change within minutes.",
        p -> "The " + p.one(TRANSPORT) + " ride along the coast took " + p.between(2, 7)
            + " hours and passed through tiny fishing villages.",
        p -> "Most museums close on Mondays, so plan your itinerary around that.",
        p -> "If you have an extra day, take a trip to the " + p.one(SIGHTS) + " outside the city.");
  }

  private static List<Function<Pick, String>> gardening() {
    return List.of(
        p -> "Sow the " + p.one(PLANTS) + " in a sunny " + p.one(BEDS) + " once the risk of frost has passed.",
        p -> "Water the " + p.one(PLANTS) + " regularly in dry weather, preferably early in the morning.",
        p -> "A thick layer of mulch around the " + p.one(PLANTS) + " keeps the soil moist and suppresses weeds.",
        p -> "Keep an eye out for " + p.one(PESTS) + ", which can strip young leaves overnight.",
        p -> "In autumn, cut back the old stems and dig well-rotted compost into the " + p.one(BEDS) + ".",
        p -> p.one(PLANTS) + " like well-drained soil and at least " + p.between(4, 8) + " hours of sunshine a day.",
        p -> "My " + p.one(BEDS) + " produced more " + p.one(PLANTS) + " this summer than ever before.",
        p -> "Planting marigolds next to the " + p.one(PLANTS) + " helps keep " + p.one(PESTS) + " away.",
        p -> "Water the seedlings gently with a fine rose so the soil is not washed away.",
        p -> "Plant the bulbs about " + p.between(8, 20) + " centimetres deep with the pointed end facing up.",
        p -> "Turn the compost heap every few weeks to speed up decomposition.",
        p -> "Pinch out the side shoots of the " + p.one(PLANTS) + " to encourage a stronger main stem.",
        p -> "A simple beer trap is an old but effective way to deal with " + p.one(PESTS) + ".",
        p -> "Late summer is a good time to take cuttings from " + p.one(PLANTS) + " in the " + p.one(BEDS) + ".");
  }

  private static List<Function<Pick, String>> science() {
    return List.of(
        p -> "Researchers at " + p.one(INSTITUTES) + " have observed " + p.one(SUBJECTS) + " in unprecedented detail using "
            + p.one(INSTRUMENTS) + ".",
        p -> "The study, published in a peer-reviewed journal, suggests that " + p.one(SUBJECTS)
            + " are more common than previously thought.",
        p -> p.one(SCIENTISTS) + " explained that the experiment had to be repeated " + p.between(3, 12)
            + " times to rule out contamination.",
        p -> "Light from the distant galaxy took billions of years to reach the telescope.",
        p -> "The fossils were found in layers of sediment roughly " + p.between(2, 300) + " million years old.",
        p -> "Using computer simulations, the team modelled how " + p.one(SUBJECTS) + " respond to rising temperatures.",
        p -> "The hypothesis predicts that " + p.one(SUBJECTS) + " should emit a faint signal at specific wavelengths.",
        p -> "Samples collected during the expedition are now being analysed in the laboratory.",
        p -> p.one(SCIENTISTS) + " cautioned that more data are needed before drawing firm conclusions about "
            + p.one(SUBJECTS) + ".",
        p -> "The discovery could help explain how " + p.one(SUBJECTS) + " evolved over long periods of time.",
        p -> "Each molecule folds into a unique shape that determines its function in the cell.",
        p -> "The satellite will orbit the Earth every " + p.between(88, 120) + " minutes and map the polar ice.",
        p -> "Volunteers counted " + p.one(List.of("honeybees", "migratory birds", "butterflies", "frogs", "bats"))
            + " at hundreds of sites as part of a citizen science project.",
        p -> "Designing and building " + p.one(INSTRUMENTS) + " took the engineers almost " + p.between(4, 15) + " years.");
  }
}
