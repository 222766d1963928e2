package dev.cptflow.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.S3Clients;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.chaos.ActivityRadar.Pending;
import dev.cptflow.cli.sweep.ProgressReader;
import dev.cptflow.cli.sweep.SubmittedSweep;
import dev.cptflow.cli.sweep.SweepSubmitter;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workers.ConnectionSettings;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One chaos run: a sweep on {@code cpt server --no-activities}, activity workers as OS processes and the store on an
 * S3 server in its own process; kills a worker in the middle of chosen activities, stops the S3 server once, and
 * keeps account of what each kill cost. See {@code cpt chaos --help}.
 */
public final class ChaosRun {
  private static final String BUCKET = "cpt-chaos";
  private static final Duration TICK = Duration.ofMillis(250);
  /** Kills are at least this far apart, so each one's cost can be told from the next's. */
  private static final Duration KILL_GAP = Duration.ofSeconds(2);

  /** What the run was asked to do. */
  public record Settings(Path spec, int kills, long seed, Duration outage, int workers, int heartbeatTimeoutSeconds,
      Path workDir) {}

  /** How the run ended, for the command's exit code. */
  public record Outcome(int kills, int survived, boolean outputsIdentical, boolean redoneWithinBounds) {
    public boolean passed() {
      return survived == kills && outputsIdentical && redoneWithinBounds;
    }
  }

  private final Settings settings;
  private final PrintWriter out;
  private final SplittableRandom random;
  private final KillPlan plan;
  private final String accessKey = hex(16);
  private final String secretKey = hex(24);

  private CptProcesses processes;
  private Process s3;
  private int s3Port;
  private final List<Worker> workers = new ArrayList<>();
  private final List<Kill> kills = new ArrayList<>();
  /** Running activity attempts ({@code key@attempt}): their kind and when they were first seen running. */
  private final Map<String, Seen> running = new HashMap<>();
  private final Map<ChaosStage, List<Long>> durations = new EnumMap<>(ChaosStage.class);
  private final Map<String, Integer> killsPerNode = new HashMap<>();
  private final TreeSet<String> retriedDuringOutage = new TreeSet<>();
  private final Set<String> warned = new java.util.HashSet<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private ActivityRadar radar;
  private long startedNanos;
  private long outageAtNanos = -1;
  private long outageEndNanos = -1;
  private boolean outageDone;
  private boolean trainingSeen;

  /** A worker process; ready once it polls. */
  private static final class Worker {
    final int number;
    final Process process;
    boolean ready;

    Worker(int number, Process process) {
      this.number = number;
      this.process = process;
    }
  }

  /** One SIGKILL: when, whom, what it held then, and, once the next attempts began, where they resumed. */
  private static final class Kill {
    final int number;
    final long atNanos;
    final int worker;
    final long pid;
    final ChaosStage aimedAt;
    final List<Pending> held;
    final Map<String, ActivityRadar.Target> targets;
    final Map<String, JsonNode> resumed = new HashMap<>();

    Kill(int number, long atNanos, int worker, long pid, ChaosStage aimedAt, List<Pending> held,
        Map<String, ActivityRadar.Target> targets) {
      this.number = number;
      this.atNanos = atNanos;
      this.worker = worker;
      this.pid = pid;
      this.aimedAt = aimedAt;
      this.held = held;
      this.targets = targets;
    }
  }

  private record Seen(ChaosStage stage, long sinceNanos) {}

  /**
   * A kill chosen and waiting for its moment: a share of the work done (training steps, a shard's documents), where
   * the activity reports its progress, else a time after it started.
   */
  private record Armed(String key, long pid, int attempt, ChaosStage stage, long fireAtNanos, double share) {
    boolean due(Pending now, long nowNanos, int shardDocs) {
      double done = shareDone(now, shardDocs);
      return share > 0 && done >= 0 ? done >= share : nowNanos >= fireAtNanos;
    }
  }

  /** How much of its work the attempt reports done, in [0, 1], or -1 where it does not say. */
  private static double shareDone(Pending activity, int shardDocs) {
    JsonNode details = activity.details();
    if (details == null || details.path("attempt").asInt() != activity.attempt()) {
      return -1;
    }
    return switch (activity.type()) {
      case "Train" -> details.path("totalSteps").asInt() > 0
          ? details.path("step").asDouble() / details.path("totalSteps").asInt() : -1;
      case "ScoreShard" -> details.path("resumedFrom").asLong(-1) >= 0 ? details.path("scored").asDouble() / shardDocs : -1;
      default -> -1;
    };
  }

  public ChaosRun(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    this.random = new SplittableRandom(settings.seed());
    this.plan = new KillPlan(settings.kills(), settings.seed());
  }

  public Outcome run() throws Exception {
    SpecFiles.SpecFile spec = SpecFiles.read(settings.spec());
    ExperimentGraph graph = spec.plan();
    Path work = settings.workDir().toAbsolutePath();
    processes = new CptProcesses(work.resolve("logs"), childEnvironment());
    try {
      Path referenceStore = work.resolve("reference");
      Reference reference = Reference.ensure(processes, settings.spec(), referenceStore, graph, out);

      s3Port = freePort();
      startS3(work.resolve("s3"));
      S3Config s3Config = S3Config.defaults().withEndpoint(URI.create("http://127.0.0.1:" + s3Port)).withRegion("us-east-1")
          .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
      try (S3Client client = S3Clients.create(s3Config)) {
        client.createBucket(b -> b.bucket(BUCKET));
      }
      String storeUri = "s3://" + BUCKET + "/store-" + hex(4);
      String[] storeOptions = {"--store", storeUri, "--s3-endpoint", "http://127.0.0.1:" + s3Port, "--s3-region", "us-east-1"};

      int temporalPort = freePort();
      String target = "127.0.0.1:" + temporalPort;
      Process server = processes.start(join(new String[] {"server", "--port", "" + temporalPort, "--no-activities"}, storeOptions));
      processes.awaitOutput(server, "Temporal test server on", Duration.ofMinutes(2));
      for (int i = 0; i < settings.workers(); i++) {
        startWorker(target, storeOptions);
      }
      for (Worker worker : workers) {
        processes.awaitOutput(worker.process, "worker serving", Duration.ofMinutes(3));
        worker.ready = true;
      }

      try (StoreRegistry stores = new StoreRegistry(s3Config);
          TemporalSession session = TemporalSession.connect(new ConnectionSettings(target, ConnectionSettings.DEFAULT_NAMESPACE,
              null, null, null, null))) {
        ArtifactStore store = stores.open(storeUri);
        RunTuning tuning = new RunTuning(settings.heartbeatTimeoutSeconds(), 1_000, 40, RunTuning.defaults().shardsPerBatch(),
            RunTuning.MAX_IN_FLIGHT_LIMIT);
        SubmittedSweep sweep = new SweepSubmitter(session.client(), store).submit(spec, tuning);
        startedNanos = System.nanoTime();
        out.printf(Locale.ROOT, "chaos: sweep %s on %d workers, store %s on its own S3 server; %d kills planned %s, a %ds"
                + " store outage%n", sweep.sweepId(), settings.workers(), storeUri, settings.kills(), plan.remainingByStage(),
            settings.outage().toSeconds());
        out.flush();
        radar = new ActivityRadar(session.client(), sweep.workflowId());
        watch(radar, new ProgressReader(session.client()), sweep.workflowId(), graph, target, storeOptions);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        out.printf(Locale.ROOT, "chaos: sweep closed after %.0f s (undisturbed: %.0f s)%n", seconds, reference.seconds());

        OutputComparison comparison = OutputComparison.of(reference.store(stores), store, graph, reference.sweepId(),
            sweep.sweepId());
        return report(graph, comparison);
      }
    } finally {
      processes.close();
    }
  }

  /** Polls the sweep until it closes: arms and fires kills, runs the outage, follows the attempts after each kill. */
  private void watch(ActivityRadar radar, ProgressReader progress, String rootWorkflowId, ExperimentGraph graph, String target,
      String[] storeOptions) throws Exception {
    int shardDocs = ((IngestParams) graph.node(NodeIds.ingest(IngestSet.CORPUS)).params()).shardDocs();
    Optional<Armed> armed = Optional.empty();
    long lastKill = System.nanoTime() - KILL_GAP.toNanos();
    long lastProgressCheck = System.nanoTime();
    while (radar.rootOpen()) {
      long now = System.nanoTime();
      List<Pending> scan = radar.scan();
      recordLifetimes(scan, now);
      followRetries(scan);
      workers.forEach(this::checkReady);
      noteOutageRetries(scan, now);
      warnOfRepeatedFailures(scan);
      manageOutage(scan, now);

      if (now - lastProgressCheck > Duration.ofSeconds(2).toNanos()) {
        lastProgressCheck = now;
        try {
          handOnFinishedStages(progress.read(rootWorkflowId), graph);
        } catch (RuntimeException notAnsweringYet) {
          // the next check will do
        }
      }
      boolean quiet = !outageWindow(now) && workers.stream().allMatch(w -> w.ready);
      if (armed.isPresent()) {
        Armed kill = armed.get();
        Optional<Pending> still = ActivityRadar.find(scan, kill.key())
            .filter(p -> p.started() && p.workerPid() == kill.pid() && p.attempt() == kill.attempt());
        if (still.isEmpty()) {
          armed = Optional.empty(); // it finished (or failed) first: choose again
        } else if (quiet && kill.due(still.get(), now, shardDocs)) {
          armed = Optional.empty();
          kill(kill, scan, radar, target, storeOptions);
          lastKill = System.nanoTime();
        }
      } else if (plan.remaining() > 0 && quiet && now - lastKill > KILL_GAP.toNanos()) {
        armed = choose(scan, radar, now);
      }
      Thread.sleep(TICK.toMillis());
    }
    if (s3 != null && !s3.isAlive()) {
      throw new IllegalStateException("the S3 server is down at the end of the run");
    }
  }

  private Optional<Armed> choose(List<Pending> scan, ActivityRadar radar, long now) {
    Set<Long> ours = workers.stream().map(w -> w.process.pid()).collect(Collectors.toSet());
    List<Pending> candidates = scan.stream()
        .filter(p -> p.started() && ours.contains(p.workerPid()) && p.stage() != ChaosStage.STORE && plan.wants(p.stage()))
        .toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    // Spread kills over nodes: prefer the ones hit least so far, then draw among them.
    int fewest = candidates.stream().mapToInt(p -> killsPerNode.getOrDefault(radar.target(p).label(), 0)).min().orElse(0);
    List<Pending> least = candidates.stream()
        .filter(p -> killsPerNode.getOrDefault(radar.target(p).label(), 0) == fewest)
        .sorted((a, b) -> a.key().compareTo(b.key()))
        .toList();
    Pending victim = least.get(random.nextInt(least.size()));
    long delay = plan.delayMillis(victim.stage(), typicalMillis(victim.stage()));
    Seen seen = running.get(victim.key() + "@" + victim.attempt());
    long fireAt = Math.max(now, (seen == null ? now : seen.sinceNanos()) + delay * 1_000_000L);
    boolean reportsProgress = victim.type().equals("Train") || victim.type().equals("ScoreShard");
    double share = reportsProgress ? 0.05 + 0.9 * random.nextDouble() : 0;
    return Optional.of(new Armed(victim.key(), victim.workerPid(), victim.attempt(), victim.stage(),
        reportsProgress ? Long.MAX_VALUE : fireAt, share));
  }

  private void kill(Armed armed, List<Pending> scan, ActivityRadar radar, String target, String[] storeOptions)
      throws IOException {
    Worker victim = workers.stream().filter(w -> w.process.pid() == armed.pid()).findFirst().orElseThrow();
    // The activity aimed at first, then whatever else the worker held.
    List<Pending> held = scan.stream().filter(p -> p.started() && p.workerPid() == armed.pid())
        .sorted(java.util.Comparator.comparing((Pending p) -> !p.key().equals(armed.key()))).toList();
    victim.process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing said to the server
    try {
      victim.process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.remove(victim);
    plan.done(armed.stage());
    Map<String, ActivityRadar.Target> targets = new LinkedHashMap<>();
    held.forEach(p -> targets.put(p.key(), radar.target(p)));
    Kill kill = new Kill(kills.size() + 1, System.nanoTime(), victim.number, armed.pid(), armed.stage(), held, targets);
    kills.add(kill);
    targets.values().forEach(hit -> killsPerNode.merge(hit.label(), 1, Integer::sum));
    Pending aimed = held.get(0);
    out.printf(Locale.ROOT, "  kill %2d at %s: worker %d (pid %d) in %s %s, attempt %d%s%n", kill.number, clock(kill.atNanos),
        victim.number, armed.pid(), armed.stage().label(), radar.target(aimed).label(), aimed.attempt(),
        held.size() > 1 ? " (and " + (held.size() - 1) + " more)" : "");
    out.flush();
    startWorker(target, storeOptions);
  }

  /** The first heartbeat of each killed activity's next attempt that says where it started. */
  private void followRetries(List<Pending> scan) {
    for (Kill kill : kills) {
      for (Pending killed : kill.held) {
        if (kill.resumed.containsKey(killed.key())) {
          continue;
        }
        ActivityRadar.find(scan, killed.key())
            .filter(p -> p.attempt() > killed.attempt() && p.details() != null
                && p.details().path("attempt").asInt() == p.attempt() && startKnown(p))
            .ifPresent(p -> kill.resumed.put(killed.key(), p.details()));
      }
    }
  }

  private static boolean startKnown(Pending next) {
    JsonNode details = next.details();
    return switch (next.type()) {
      case "Train" -> details.has("resumedFromStep");
      case "ScoreShard" -> details.path("resumedFrom").asLong(-1) >= 0;
      case "Evaluate" -> details.has("restored") && !details.get("restored").isNull();
      default -> false;
    };
  }

  /** How long each kind's activity attempts run, as seen from here: where a kill's random moment is drawn from. */
  private void recordLifetimes(List<Pending> scan, long now) {
    Set<String> stillRunning = new java.util.HashSet<>();
    for (Pending p : scan) {
      if (p.started()) {
        String key = p.key() + "@" + p.attempt();
        stillRunning.add(key);
        running.putIfAbsent(key, new Seen(p.stage(), now));
      }
    }
    running.entrySet().removeIf(entry -> {
      if (stillRunning.contains(entry.getKey())) {
        return false;
      }
      durations.computeIfAbsent(entry.getValue().stage(), stage -> new ArrayList<>())
          .add((now - entry.getValue().sinceNanos()) / 1_000_000L);
      return true;
    });
  }

  private long typicalMillis(ChaosStage stage) {
    List<Long> seen = durations.getOrDefault(stage, List.of());
    if (seen.size() < 2) {
      return 0;
    }
    List<Long> sorted = seen.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private void handOnFinishedStages(List<NodeProgress> rows, ExperimentGraph graph) {
    Map<String, NodeState> states = new HashMap<>();
    rows.forEach(row -> states.put(row.nodeId(), row.state()));
    List<ChaosStage> stillRunning = new ArrayList<>();
    List<ChaosStage> finished = new ArrayList<>();
    for (ChaosStage stage : KillPlan.TARGETS) {
      List<PlanNode> nodes = graph.ofStage(Stage.valueOf(stage.name()));
      boolean over = nodes.stream().allMatch(node -> {
        NodeState state = states.get(node.id());
        return state == NodeState.DONE || state == NodeState.CACHED;
      });
      (over ? finished : stillRunning).add(stage);
    }
    finished.forEach(stage -> plan.handOn(stage, stillRunning));
  }

  /**
   * The outage starts a random few seconds into training, mid-run, once the kills planned for training and the stages
   * before it are placed (no kill lands near the outage, so one that came first would crowd those kills out of a short
   * training), and lasts {@code --outage}.
   */
  private void manageOutage(List<Pending> scan, long now) throws Exception {
    if (settings.outage().isZero() || outageDone) {
      return;
    }
    if (outageAtNanos < 0) {
      trainingSeen |= scan.stream().anyMatch(p -> p.started() && p.stage() == ChaosStage.TRAIN);
      if ((trainingSeen && plan.remainingThrough(ChaosStage.TRAIN) == 0) || plan.remaining() == 0) {
        outageAtNanos = now + Duration.ofMillis(1_000 + random.nextInt(4_000)).toNanos();
      }
      return;
    }
    if (s3 != null && now >= outageAtNanos) {
      s3.destroy();
      s3.waitFor();
      s3 = null;
      outageEndNanos = now + settings.outage().toNanos();
      out.printf(Locale.ROOT, "  S3 server stopped at %s for %d s%n", clock(now), settings.outage().toSeconds());
      out.flush();
    } else if (s3 == null && now >= outageEndNanos) {
      startS3(settings.workDir().toAbsolutePath().resolve("s3"));
      outageDone = true;
      out.printf(Locale.ROOT, "  S3 server back at %s%n", clock(System.nanoTime()));
      out.flush();
    }
  }

  /** No kill while the store is down or just after, so what each costs is its own. */
  private boolean outageWindow(long now) {
    if (outageAtNanos < 0 || settings.outage().isZero()) {
      return false;
    }
    long settle = Duration.ofSeconds(settings.heartbeatTimeoutSeconds()).toNanos();
    long end = outageEndNanos < 0 ? Long.MAX_VALUE : outageEndNanos + 2 * settle;
    return now >= outageAtNanos - settle && now <= end;
  }

  /**
   * Activities that went to another attempt while the store was down or soon after (their retries ran into it), not
   * because of a kill.
   */
  private void noteOutageRetries(List<Pending> scan, long now) {
    boolean window = outageAtNanos >= 0 && now >= outageAtNanos
        && !(outageDone && now > outageEndNanos + Duration.ofMinutes(1).toNanos());
    for (Pending p : scan) {
      Integer before = attempts.put(p.key(), p.attempt());
      if (window && before != null && p.attempt() > before
          && kills.stream().noneMatch(k -> k.held.stream().anyMatch(h -> h.key().equals(p.key())))) {
        retriedDuringOutage.add(p.type() + " " + targetLabel(p));
      }
    }
  }

  private String targetLabel(Pending activity) {
    try {
      return radar.target(activity).label();
    } catch (RuntimeException historyUnavailable) {
      return activity.key();
    }
  }

  /** An activity that keeps failing is not the chaos: say so at once rather than wait silently through its retries. */
  private void warnOfRepeatedFailures(List<Pending> scan) {
    for (Pending p : scan) {
      if (p.attempt() >= 5 && !p.lastFailure().isEmpty() && warned.add(p.key())) {
        out.println("  warning: " + p.type() + " " + p.key() + " failed " + (p.attempt() - 1) + " times, last: " + p.lastFailure());
        out.flush();
      }
    }
  }

  private Outcome report(ExperimentGraph graph, OutputComparison comparison) throws IOException {
    out.println();
    out.println(String.format(Locale.ROOT, "%-4s %-6s %-7s %-40s %-70s %-22s %-9s %s", "kill", "at", "stage", "hit",
        "work redone", "bound", "survived", "identical"));
    int survived = 0;
    boolean bounded = true;
    for (Kill kill : kills) {
      boolean killSurvived = true;
      for (int i = 0; i < kill.held.size(); i++) {
        Pending held = kill.held.get(i);
        ActivityRadar.Target hit = kill.targets.get(held.key());
        Redone redone = Redone.of(held, hit, kill.resumed.get(held.key()), graph);
        boolean nodeSurvived = comparison.completed(hit.nodeId());
        killSurvived &= nodeSurvived;
        bounded &= !Boolean.FALSE.equals(redone.withinBound());
        out.println(String.format(Locale.ROOT, "%-4s %-6s %-7s %-40s %-70s %-22s %-9s %s",
            i == 0 ? "" + kill.number : "", i == 0 ? clock(kill.atNanos) : "", held.stage().label(), hit.label(),
            redone.text(), redone.bound() + (Boolean.FALSE.equals(redone.withinBound()) ? " EXCEEDED" : ""),
            nodeSurvived ? "yes" : "NO", comparison.identical(hit.nodeId()) ? "yes" : "NO"));
      }
      survived += killSurvived ? 1 : 0;
    }
    out.println();
    if (!retriedDuringOutage.isEmpty()) {
      out.println("store outage: " + retriedDuringOutage.size() + " activities failed on it and were retried (each resumed"
          + " from what it had stored): " + String.join(", ", retriedDuringOutage));
    } else if (outageDone) {
      out.println("store outage: no activity failed on it (the SDK's retries bridged it)");
    }
    comparison.summary().forEach(out::println);
    int placed = kills.size();
    if (placed < settings.kills()) {
      out.println("only " + placed + " of " + settings.kills() + " kills found running work to hit: " + plan.remainingByStage());
    }
    out.println(survived + " of " + settings.kills() + " kills survived, outputs "
        + (comparison.identical() ? "identical" : "DIFFER") + (bounded ? "" : "; some kill cost more than its bound"));
    out.flush();
    return new Outcome(settings.kills(), survived, comparison.identical(), bounded);
  }

  private void startWorker(String target, String[] storeOptions) throws IOException {
    int number = workers.stream().mapToInt(w -> w.number).max().orElse(0) + 1 + kills.size();
    Process process = processes.start(join(new String[] {"worker", "--queues", "cpu,gpu", "--temporal", target,
        "--cpu-slots", "1", "--gpu-slots", "1", "--heartbeat-send-interval", "200"}, storeOptions));
    workers.add(new Worker(number, process));
  }

  private void checkReady(Worker worker) {
    if (!worker.ready) {
      try {
        worker.ready = processes.output(worker.process).contains("worker serving");
      } catch (IOException notYet) {
        // the log appears with the process
      }
      if (!worker.process.isAlive()) {
        throw new IllegalStateException("worker " + worker.number + " exited: " + processes.log(worker.process));
      }
    }
  }

  private void startS3(Path dir) throws IOException, InterruptedException {
    s3 = processes.start("s3-server", "--dir", dir.toString(), "--port", "" + s3Port);
    processes.awaitOutput(s3, "S3 API on", Duration.ofMinutes(1));
  }

  /** The children sign S3 requests with the run's own credentials, and train on CPU as reproducibly as the launcher. */
  private Map<String, String> childEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", accessKey);
    environment.put("AWS_SECRET_ACCESS_KEY", secretKey);
    environment.put("AWS_REGION", "us-east-1");
    for (Map.Entry<String, String> pinned : Map.of("MKL_DYNAMIC", "FALSE", "MKL_CBWR", "AUTO,STRICT", "OMP_DYNAMIC", "FALSE",
        "OMP_WAIT_POLICY", "PASSIVE")
        .entrySet()) {
      environment.put(pinned.getKey(), System.getenv().getOrDefault(pinned.getKey(), pinned.getValue()));
    }
    return environment;
  }

  private String clock(long nanos) {
    long seconds = Math.max(0, (nanos - startedNanos) / 1_000_000_000L);
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static String[] join(String[] first, String[] second) {
    String[] all = new String[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String hex(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
