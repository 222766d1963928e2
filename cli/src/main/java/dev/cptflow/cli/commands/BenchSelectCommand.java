package dev.cptflow.cli.commands;

import dev.cptflow.activities.select.ScoreTable;
import dev.cptflow.activities.select.Selector;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "select", mixinStandardHelpOptions = true,
    description = {
      "Seconds to select 10%% of the tokens from N synthetic score rows (3 metrics), with the project's selector",
      "(hard on one metric, hard combined over three, soft on one) against DuckDB ranking the same rows in SQL",
      "(window sum over the sort for the budget; percent_rank for the combined ranks), in the same run.",
      "The rows are a formula of the row number, so Java and DuckDB build the same table each on its own side",
      "(Java's is released before DuckDB's is made). Rows that would not fit the heap are skipped with the",
      "-Xmx they need (set it through CPT_JAVA_OPTS)."
    })
public class BenchSelectCommand extends CommandBase {
  /** Java heap per row the selector needs: id string, tokens, three metrics, hashes, keys and sort orders. */
  private static final long BYTES_PER_ROW = 150;

  @Option(names = "--rows", split = ",", defaultValue = "1000000,10000000,100000000", showDefaultValue = Visibility.ALWAYS,
      paramLabel = "N[,N...]", description = "Table sizes to time.")
  List<Long> rows;

  @Option(names = "--duckdb-threads", defaultValue = "2", showDefaultValue = Visibility.ALWAYS, paramLabel = "T",
      description = "DuckDB threads for the SQL baseline.")
  int duckdbThreads;

  @Option(names = "--duckdb-memory", defaultValue = "6GB", showDefaultValue = Visibility.ALWAYS, paramLabel = "SIZE",
      description = "DuckDB's memory limit; it spills to its temp directory beyond it.")
  String memoryLimit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    out.printf(Locale.ROOT, "%12s %10s %10s %7s %10s %10s %7s %10s %12s%n", "rows", "hard s", "sql s", "ratio", "com s",
        "sql com s", "ratio", "soft s", "rows/s com");
    for (long n : rows) {
      long needed = n * BYTES_PER_ROW;
      if (needed > Runtime.getRuntime().maxMemory()) {
        out.printf(Locale.ROOT, "%12d skipped: needs about -Xmx%dg (heap is %.1f GiB)%n", n, needed / (1L << 30) + 2,
            Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        out.flush();
        continue;
      }
      double[] java = selectorSeconds((int) n);
      System.gc(); // Java's table is garbage now; give its memory back before DuckDB builds its own
      double[] sql = duckdbSeconds(n);
      if (sql[2] != java[3]) {
        // Scores never tie, so both sides must pick the same documents for the one-metric ranking.
        throw new IllegalStateException(n + " rows: the selector took " + (long) java[3] + " documents, DuckDB "
            + (long) sql[2] + "; they are not doing the same work");
      }
      out.printf(Locale.ROOT, "%12d %10.2f %10.2f %7.2f %10.2f %10.2f %7.2f %10.2f %12.0f%n", n, java[0], sql[0],
          sql[0] / java[0], java[1], sql[1], sql[1] / java[1], java[2], n / java[1]);
      out.flush();
    }
    out.println("ratio = DuckDB seconds / selector seconds on the same rows (> 1: the selector is faster)");
    return 0;
  }

  /**
   * Seconds of a hard one-metric, a hard three-metric combined and a soft one-metric selection, then the number of
   * documents the hard one-metric selection took.
   */
  private static double[] selectorSeconds(int n) {
    ScoreTable table = syntheticTable(n);
    long[] hardDocs = new long[1];
    return new double[] {
      time(() -> hardDocs[0] = Selector.select(table, request(List.of("sim"), false)).size()),
      time(() -> Selector.select(table, request(List.of("sim", "ppl", "ent"), false))),
      time(() -> Selector.select(table, request(List.of("sim"), true))),
      hardDocs[0]
    };
  }

  private static Selector.SelectionRequest request(List<String> metrics, boolean soft) {
    return new Selector.SelectionRequest(metrics, Map.of(), soft, 0.1, null, 0, 1234);
  }

  // Row i's columns. Multiplying by a constant coprime with a prime modulus gives every row below it its own
  // value, so the metrics have no ties, as real scores rarely do. DuckDB computes the same expressions.
  private static final long MODULUS = 2_147_483_647L;
  private static final long[] MULTIPLIERS = {2_654_435_761L, 2_246_822_519L, 3_266_489_917L};
  private static final double[] SCALES = {1.0, 200.0, 2.5};
  private static final double[] OFFSETS = {0.0, 5.0, 0.0};

  static ScoreTable syntheticTable(int n) {
    String[] ids = new String[n];
    int[] tokens = new int[n];
    double[][] values = new double[3][n];
    for (int i = 0; i < n; i++) {
      ids[i] = id(i);
      tokens[i] = (int) (16 + (i * 40_503L) % 2_032);
      for (int m = 0; m < 3; m++) {
        values[m][i] = OFFSETS[m] + SCALES[m] * (double) ((i * MULTIPLIERS[m]) % MODULUS) / (double) MODULUS;
      }
    }
    return ScoreTable.of(ids, tokens, List.of("sim", "ppl", "ent"), values);
  }

  /** {@code doc-0000000042}: fixed width, so id order is row order. */
  private static String id(int i) {
    char[] chars = {'d', 'o', 'c', '-', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
    for (int position = chars.length - 1, rest = i; rest > 0; position--, rest /= 10) {
      chars[position] = (char) ('0' + rest % 10);
    }
    return new String(chars);
  }

  private static double time(Runnable work) {
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  /** Builds the same rows inside DuckDB (not timed), times the two SQL selections; then the hard one's document count. */
  private double[] duckdbSeconds(long n) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("threads", String.valueOf(duckdbThreads));
    // DuckDB spills to disk past this, so the largest table still fits beside the JVM's heap.
    properties.setProperty("memory_limit", memoryLimit);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      StringBuilder create = new StringBuilder("CREATE TABLE scores AS SELECT 'doc-' || lpad(i::VARCHAR, 10, '0') AS id, "
          + "(16 + (i * 40503) % 2032)::INTEGER AS tokens");
      String[] names = {"sim", "ppl", "ent"};
      for (int m = 0; m < 3; m++) {
        create.append(String.format(Locale.ROOT, ", %s::DOUBLE + %s::DOUBLE * ((i * %d) %% %d)::DOUBLE / %d::DOUBLE AS %s",
            Double.toString(OFFSETS[m]), Double.toString(SCALES[m]), MULTIPLIERS[m], MODULUS, MODULUS, names[m]));
      }
      statement.execute(create + " FROM range(" + n + ") AS r(i)");
      long budget;
      try (ResultSet total = statement.executeQuery("SELECT sum(tokens) FROM scores")) {
        total.next();
        budget = (long) Math.floor(0.1 * total.getLong(1));
      }
      String hard = "SELECT count(*), sum(tokens) FROM (SELECT tokens, sum(tokens) OVER (ORDER BY sim DESC, id "
          + "ROWS UNBOUNDED PRECEDING) AS cumulative FROM scores) WHERE cumulative <= " + budget;
      String combined = "SELECT count(*), sum(tokens) FROM (SELECT tokens, sum(tokens) OVER (ORDER BY score DESC, id "
          + "ROWS UNBOUNDED PRECEDING) AS cumulative FROM (SELECT id, tokens, (percent_rank() OVER (ORDER BY sim) "
          + "+ percent_rank() OVER (ORDER BY ppl) + percent_rank() OVER (ORDER BY ent)) / 3 AS score FROM scores)) "
          + "WHERE cumulative <= " + budget;
      double hardSeconds = timeQuery(statement, hard);
      double combinedSeconds = timeQuery(statement, combined);
      try (ResultSet count = statement.executeQuery(hard)) {
        count.next();
        return new double[] {hardSeconds, combinedSeconds, count.getLong(1)};
      }
    }
  }

  private static double timeQuery(Statement statement, String sql) throws Exception {
    long started = System.nanoTime();
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
    }
    return (System.nanoTime() - started) / 1e9;
  }
}
