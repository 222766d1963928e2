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
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "select", mixinStandardHelpOptions = true,
    description = {
      "Seconds to select 10% of the tokens from N synthetic score rows (3 metrics), with the project's selector",
      "(hard on one metric, hard combined over three, soft on one) against DuckDB ranking the same rows in SQL",
      "(window sum over the sort for the budget; percent_rank for the combined ranks), in the same run.",
      "Rows that would not fit the heap are skipped with the -Xmx they need (set it through CPT_JAVA_OPTS)."
    })
public class BenchSelectCommand implements Callable<Integer> {
  /** Java heap per row the selector needs: id string, tokens, three metrics, hashes, keys and sort orders. */
  private static final long BYTES_PER_ROW = 150;

  @Option(names = "--rows", split = ",", defaultValue = "1000000,10000000,100000000", showDefaultValue = Visibility.ALWAYS,
      paramLabel = "N[,N...]", description = "Table sizes to time.")
  List<Long> rows;

  @Option(names = "--duckdb-threads", defaultValue = "2", showDefaultValue = Visibility.ALWAYS, paramLabel = "T",
      description = "DuckDB threads for the SQL baseline.")
  int duckdbThreads;

  @Option(names = "--seed", defaultValue = "1", showDefaultValue = Visibility.ALWAYS, paramLabel = "S")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    out.printf(Locale.ROOT, "%12s %10s %10s %7s %10s %10s %7s %10s %12s%n", "rows", "hard s", "sql s", "ratio", "com s",
        "sql com s", "ratio", "soft s", "rows/s hard");
    for (long n : rows) {
      long needed = n * BYTES_PER_ROW;
      if (needed > Runtime.getRuntime().maxMemory()) {
        out.printf(Locale.ROOT, "%12d skipped: needs about -Xmx%dg (heap is %.1f GiB)%n", n, needed / (1L << 30) + 2,
            Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        out.flush();
        continue;
      }
      ScoreTable table = syntheticTable((int) n, seed);
      double hard = time(() -> Selector.select(table, request(List.of("sim"), false)));
      double combined = time(() -> Selector.select(table, request(List.of("sim", "ppl", "ent"), false)));
      double soft = time(() -> Selector.select(table, request(List.of("sim"), true)));
      double[] sql = duckdb(table);
      out.printf(Locale.ROOT, "%12d %10.2f %10.2f %7.2f %10.2f %10.2f %7.2f %10.2f %12.0f%n", n, hard, sql[0], sql[0] / hard,
          combined, sql[1], sql[1] / combined, soft, n / hard);
      out.flush();
    }
    out.println("ratio = DuckDB seconds / selector seconds on the same rows (> 1: the selector is faster)");
    return 0;
  }

  private static Selector.SelectionRequest request(List<String> metrics, boolean soft) {
    return new Selector.SelectionRequest(metrics, Map.of(), soft, 0.1, null, 0, 1234);
  }

  /** Ids in sorted order (as score tables arrive after the id sort), random tokens and metric values. */
  static ScoreTable syntheticTable(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] ids = new String[n];
    int[] tokens = new int[n];
    double[][] values = new double[3][n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format(Locale.ROOT, "doc-%010d", i);
      tokens[i] = 16 + random.nextInt(2032);
      values[0][i] = random.nextDouble();
      values[1][i] = 5 + 200 * random.nextDouble();
      values[2][i] = 2.5 * random.nextDouble();
    }
    return ScoreTable.of(ids, tokens, List.of("sim", "ppl", "ent"), values);
  }

  private static double time(Runnable work) {
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  /** Loads the table into DuckDB (not timed), then times the two SQL selections. */
  private double[] duckdb(ScoreTable table) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("threads", String.valueOf(duckdbThreads));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE scores (id VARCHAR, tokens INTEGER, sim DOUBLE, ppl DOUBLE, ent DOUBLE)");
      try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scores")) {
        for (int i = 0; i < table.size(); i++) {
          appender.beginRow();
          appender.append(table.id(i));
          appender.append(table.tokens(i));
          appender.append(table.value(0, i));
          appender.append(table.value(1, i));
          appender.append(table.value(2, i));
          appender.endRow();
        }
      }
      long budget = (long) Math.floor(0.1 * table.totalTokens());
      String hard = "SELECT count(*), sum(tokens) FROM (SELECT tokens, sum(tokens) OVER (ORDER BY sim DESC, id "
          + "ROWS UNBOUNDED PRECEDING) AS cumulative FROM scores) WHERE cumulative <= " + budget;
      String combined = "SELECT count(*), sum(tokens) FROM (SELECT tokens, sum(tokens) OVER (ORDER BY score DESC, id "
          + "ROWS UNBOUNDED PRECEDING) AS cumulative FROM (SELECT id, tokens, (percent_rank() OVER (ORDER BY sim) "
          + "+ percent_rank() OVER (ORDER BY ppl) + percent_rank() OVER (ORDER BY ent)) / 3 AS score FROM scores)) "
          + "WHERE cumulative <= " + budget;
      return new double[] {timeQuery(statement, hard), timeQuery(statement, combined)};
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
