package dev.guardrails4j.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryResourceTests {

  @TempDir
  Path dir;

  @Test
  void aPodIsDescribedByTheDownwardApiVariables() {
    Map<String, String> r = InventoryResource.detect(Map.of("POD_NAME", "support-desk-a", "POD_NAMESPACE", "support",
        "NODE_NAME", "node-7", "HOSTNAME", "support-desk-a"), dir.resolve("none"), null, "support-desk", "1.0",
        "spiffe://example.org/x");
    assertThat(r).containsEntry("service.name", "support-desk").containsEntry("service.version", "1.0")
        .containsEntry("service.instance.id", "support-desk-a").containsEntry("k8s.pod.name", "support-desk-a")
        .containsEntry("k8s.namespace.name", "support").containsEntry("k8s.node.name", "node-7")
        .containsEntry("host.name", "support-desk-a").containsKey("process.runtime.version");
  }

  @Test
  void withoutAPodTheInstanceIsTheHostAndTheNamespaceComesFromTheServiceAccountFile() throws Exception {
    Path ns = dir.resolve("namespace");
    Files.writeString(ns, "payments\n");
    Map<String, String> r = InventoryResource.detect(Map.of(), ns, "build-host", null, null, "svc");
    assertThat(r).containsEntry("service.instance.id", "build-host").containsEntry("host.name", "build-host")
        .containsEntry("k8s.namespace.name", "payments").containsEntry("service.name", "svc")
        .doesNotContainKeys("k8s.pod.name", "k8s.node.name", "service.version");
  }

  @Test
  void openTelemetryVariablesWinOverWhatIsDetected() {
    Map<String, String> r = InventoryResource.detect(Map.of("OTEL_SERVICE_NAME", "desk-api",
        "OTEL_RESOURCE_ATTRIBUTES", "service.name=ignored,service.version=2.1,deployment.environment=prod,"
            + "team=support%20desk,broken,=x", "POD_NAME", "p-1"),
        dir.resolve("none"), "h", "support-desk", "1.0", "svc");
    assertThat(r).containsEntry("service.name", "desk-api").containsEntry("service.version", "2.1")
        .containsEntry("deployment.environment", "prod").containsEntry("team", "support desk")
        .containsEntry("service.instance.id", "p-1").doesNotContainKey("broken");
  }

  @Test
  void theDistinctCounterIsExactForFewAndCloseForMany() {
    DistinctCounter few = new DistinctCounter();
    for (int i = 0; i < 20; i++) {
      few.add(i * 7919L);
      few.add(i * 7919L);
    }
    assertThat(few.estimate()).isEqualTo(20);
    DistinctCounter many = new DistinctCounter();
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      many.add(random.nextLong());
    }
    assertThat(many.estimate()).isBetween(19_400L, 20_600L);
    assertThat(many.saturated()).isFalse();
  }
}
