package dev.cptflow.activities.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.cptflow.activities.cores.CoreBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts DJL's PyTorch engine. Nothing may be downloaded, so the offline switches are
 * set before the engine first loads; libtorch comes from the {@code pytorch-native-cpu} jar, or from a
 * CUDA libtorch 2.7.1 named by {@code PYTORCH_LIBRARY_PATH} (with {@code PYTORCH_FLAVOR=cu128} or the
 * flavor it was built for).
 */
public final class LmRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(LmRuntime.class);
  private static volatile Engine engine;

  private LmRuntime() {}

  public static synchronized Engine engine() {
    if (engine == null) {
      setIfAbsent("ai.djl.offline", "true");
      setIfAbsent("RUST_FLAVOR", "cpu");
      Engine started = Engine.getEngine("PyTorch");
      // A fixed intra-op thread count: reductions are split by it, so it must not drift with whatever
      // else the process (ONNX Runtime, DuckDB) does to the thread pools, or CPU training stops being
      // bit-reproducible.
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads());
      Device device = defaultDevice(started);
      LOG.info("language model engine: PyTorch {} (DJL {}), device {}", started.getVersion(), Engine.getDjlVersion(), device);
      engine = started;
    }
    return engine;
  }

  /** The intra-op threads every libtorch call of this process may use: what a compute section holds of the cores. */
  public static int threads() {
    return Integer.getInteger("cpt.torch.threads", CoreBudget.process().cores());
  }

  /** The first GPU when DJL sees one, else the CPU. */
  public static Device defaultDevice() {
    return defaultDevice(engine());
  }

  private static Device defaultDevice(Engine started) {
    return started.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  public static String describe() {
    Engine started = engine();
    return "PyTorch " + started.getVersion() + " on " + defaultDevice(started).getDeviceType();
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null && System.getenv(property) == null) {
      System.setProperty(property, value);
    }
  }
}
