package dev.pertinence.common.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every PERTINENCE_ key of the ConfigMap and the Deployment is a property the service knows: an
 * environment variable with a typo (PERTINENCE_DATABASE_ACQUIRE_TIMOUT) is silently ignored at run
 * time, so it is caught here.
 */
@QuarkusTest
class ConfigMapKeysTest {

    @Test
    void everyConfigMapKeyNamesAPropertyTheServiceReads() throws IOException {
        Set<String> known = new HashSet<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            known.add(environmentName(name));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> keys = new TreeSet<>();
        yaml.readTree(Path.of("k8s/base/configmap.yaml").toFile()).get("data").fieldNames().forEachRemaining(keys::add);
        // the variables the Deployment sets from the Secrets
        yaml.readTree(Path.of("k8s/base/deployment.yaml").toFile()).at("/spec/template/spec/containers/0/env")
                .forEach(variable -> keys.add(variable.get("name").asText()));
        assertTrue(keys.size() > 10, "read the manifests: " + keys);
        // Pertinence's own: every one has a default, so the configuration lists it. Quarkus' optional ones
        // without a default (QUARKUS_REDIS_PASSWORD) are not listed anywhere at run time: not checked here.
        Set<String> unknown = new TreeSet<>(keys.stream().filter(key -> key.startsWith("PERTINENCE_")).toList());
        assertTrue(unknown.size() >= 5, "the ConfigMap's own settings: " + unknown);
        unknown.removeAll(known);
        assertTrue(unknown.isEmpty(), "ConfigMap and Deployment variables no property answers to: " + unknown);
    }

    /** The environment variable SmallRye Config reads a property from: upper case, every other character an underscore. */
    private static String environmentName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
