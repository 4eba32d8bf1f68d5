package dev.pertinence.common.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * No cluster runs here: the manifests are checked against what the service really exposes
 * (health paths, port, configuration names). .ci/run also renders them with kubectl kustomize.
 */
class KubernetesManifestsTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void theDeploymentProbesTheQuarkusHealthEndpointsOnTheServicePort() throws IOException {
        JsonNode container = yaml.readTree(Path.of("k8s/base/deployment.yaml").toFile())
                .at("/spec/template/spec/containers/0");
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertEquals(httpPort(), container.at("/ports/0/containerPort").asInt());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        assertFalse(container.at("/resources/requests/memory").isMissingNode());
        assertFalse(container.at("/resources/limits/memory").isMissingNode());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    }

    @Test
    void theServiceAndTheImageRunAsNonRoot() throws IOException {
        JsonNode pod = yaml.readTree(Path.of("k8s/base/deployment.yaml").toFile()).at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("USER 185"));
        assertTrue(dockerfile.contains("/q/health/live"));
    }

    @Test
    void theConfigMapConfiguresTheServersTheServiceReads() throws IOException {
        JsonNode data = yaml.readTree(Path.of("k8s/base/configmap.yaml").toFile()).get("data");
        assertTrue(data.has("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertTrue(data.has("QUARKUS_REDIS_HOSTS"));
        // without a token-verification key the service refuses to start in production (KeyCheck)
        assertTrue(data.has("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertTrue(data.has("MP_JWT_VERIFY_ISSUER"));
        assertTrue(data.has("MP_JWT_VERIFY_AUDIENCES"), "KeyCheck refuses to start without an audience");
        JsonNode service = yaml.readTree(Path.of("k8s/base/service.yaml").toFile());
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
    }

    private static int httpPort() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }
}
