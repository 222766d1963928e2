package dev.cptflow.workers;

import dev.cptflow.workflows.api.CptSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds out whether a namespace has CPT Flow's search attributes ({@code CptSweep}, {@code CptVariant},
 * {@code CptStage}, all Keyword). A sweep sets them only when they exist: a server rejects a workflow start that
 * names an attribute it does not know.
 *
 * <p>A real cluster lists its attributes; an operator registers them once (infra/temporal/setup.sh does). The SDK's
 * test server has no listing but accepts registration, so there they are registered here: it keeps them in memory,
 * for as long as it runs.
 */
public final class SearchAttributeRegistry {
  public static final List<String> NAMES = CptSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList();

  /** What the namespace offers, and for a user who lacks it, why. */
  public record Availability(boolean available, String reason) {}

  private SearchAttributeRegistry() {}

  public static Availability check(WorkflowServiceStubs workflowStubs, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder(workflowStubs.getOptions()).build());
    try {
      ListSearchAttributesResponse listed =
          operator.blockingStub().listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      List<String> missing = NAMES.stream()
          .filter(name -> listed.getCustomAttributesMap().get(name) != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
          .toList();
      return missing.isEmpty()
          ? new Availability(true, "")
          : new Availability(false, "namespace " + namespace + " has no Keyword search attribute " + String.join(", ", missing)
              + "; register them to find sweeps in the Web UI (docs/deploy.md)");
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return registerOnTestServer(operator, namespace);
      }
      return new Availability(false, "cannot list the search attributes of namespace " + namespace + ": "
          + e.getStatus().getCode() + " " + e.getStatus().getDescription());
    } finally {
      operator.shutdown();
    }
  }

  private static Availability registerOnTestServer(OperatorServiceStubs operator, String namespace) {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    NAMES.forEach(name -> attributes.put(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    for (Map.Entry<String, IndexedValueType> attribute : attributes.entrySet()) {
      try {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace)
            .putSearchAttributes(attribute.getKey(), attribute.getValue())
            .build());
      } catch (StatusRuntimeException e) {
        boolean known = e.getStatus().getCode() == Status.Code.ALREADY_EXISTS
            || String.valueOf(e.getStatus().getDescription()).contains("already exists");
        if (!known) {
          return new Availability(false, "cannot register search attribute " + attribute.getKey() + ": "
              + e.getStatus().getCode() + " " + e.getStatus().getDescription());
        }
      }
    }
    return new Availability(true, "");
  }
}
