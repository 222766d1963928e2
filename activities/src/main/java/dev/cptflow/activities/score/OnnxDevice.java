package dev.cptflow.activities.score;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.cptflow.activities.cores.CoreBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an ONNX session runs, chosen at run time: on the GPU when this ONNX Runtime build has the CUDA execution
 * provider (the {@code onnxruntime_gpu} artifact, {@code ./mvnw -Pgpu}) and a GPU is visible, else on the CPU.
 * {@code CPT_ONNX_DEVICE} (environment or system property) overrides: {@code cpu}, {@code cuda} or {@code cuda:N};
 * {@code auto} is the default. A GPU that fails to start its provider (no CUDA 12 or cuDNN 9 libraries on the
 * library path) falls back to the CPU under {@code auto} and fails under {@code cuda}.
 *
 * @param cudaDevice the CUDA device id, or -1 for the CPU
 */
public record OnnxDevice(int cudaDevice) {
  public static final String SETTING = "CPT_ONNX_DEVICE";
  private static final Logger LOG = LoggerFactory.getLogger(OnnxDevice.class);

  public static final OnnxDevice CPU = new OnnxDevice(-1);

  /** The intra-op threads a session on this device runs: what one of its runs holds of the cores. */
  public int threads() {
    int cores = CoreBudget.process().cores();
    return isCuda() ? Math.min(2, cores) : cores;
  }

  public boolean isCuda() {
    return cudaDevice >= 0;
  }

  @Override
  public String toString() {
    return isCuda() ? "cuda:" + cudaDevice : "cpu";
  }

  /** Whether this ONNX Runtime build carries the CUDA execution provider. */
  public static boolean cudaProviderPresent() {
    return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
  }

  /** Whether the machine shows an NVIDIA GPU to this process (the driver's device node). */
  public static boolean gpuVisible() {
    String visible = System.getenv("CUDA_VISIBLE_DEVICES");
    if (visible != null && (visible.isBlank() || visible.strip().equals("-1"))) {
      return false;
    }
    return Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/nvidiactl"));
  }

  /** Session options for {@code model} on the device the setting and the machine allow; also says which it is. */
  static Choice options(String model, boolean cpuOnly) throws OrtException {
    String setting = setting();
    OnnxDevice wanted = parse(setting);
    boolean auto = setting.equals("auto");
    if (cpuOnly || (!auto && !wanted.isCuda()) || (auto && !(cudaProviderPresent() && gpuVisible()))) {
      return new Choice(cpuOptions(), CPU);
    }
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    // The CPU only runs what the GPU provider cannot; a thread or two is plenty.
    options.setIntraOpNumThreads(wanted.threads());
    try {
      options.addCUDA(wanted.cudaDevice());
      LOG.info("{}: ONNX Runtime on CUDA device {}", model, wanted.cudaDevice());
      return new Choice(options, wanted);
    } catch (OrtException | RuntimeException e) {
      options.close();
      if (!auto) {
        throw new IllegalStateException(SETTING + "=" + setting + " but the CUDA provider does not start: " + e.getMessage(), e);
      }
      LOG.warn("{}: a GPU is visible but ONNX Runtime's CUDA provider does not start ({}); running on the CPU", model,
          e.getMessage());
      return new Choice(cpuOptions(), CPU);
    }
  }

  /** Options and the device they select. */
  record Choice(OrtSession.SessionOptions options, OnnxDevice device) {}

  static OrtSession.SessionOptions cpuOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(CPU.threads());
    // Pool threads that spin after a run burn the cores a concurrent training or scorer of this process is waiting for.
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return options;
  }

  private static String setting() {
    String value = System.getProperty(SETTING, System.getenv(SETTING));
    return value == null || value.isBlank() ? "auto" : value.strip().toLowerCase(Locale.ROOT);
  }

  private static OnnxDevice parse(String setting) {
    if (setting.equals("auto") || setting.equals("cuda")) {
      return new OnnxDevice(0);
    }
    if (setting.equals("cpu")) {
      return CPU;
    }
    if (setting.startsWith("cuda:")) {
      try {
        return new OnnxDevice(Integer.parseInt(setting.substring("cuda:".length())));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(SETTING + ": must be auto, cpu, cuda or cuda:N, got '" + setting + "'");
  }
}
