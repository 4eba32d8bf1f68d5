package dev.pertinence.common.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No cluster runs here, so the manifests are rendered offline ({@code kubectl kustomize}, as
 * .ci/run does) and every object is read into the Kubernetes API model (fabric8, the version
 * the Quarkus BOM manages): an unknown kind or a field the API does not have (a typo such as
 * {@code livenesProbe}, a field at the wrong level) fails, and the objects must refer to each
 * other (selectors, target names, ports) as a cluster would need.
 */
class RenderedManifestsTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/overlays/production"})
    void everyRenderedObjectIsAKubernetesObjectWithOnlyFieldsTheApiKnows(String directory) throws Exception {
        List<HasMetadata> objects = render(directory);
        for (HasMetadata object : objects) {
            assertFalse(object instanceof GenericKubernetesResource, object.getKind() + " is not a kind the API model knows");
            List<String> unknown = new ArrayList<>();
            unknownFields(object, object.getKind() + " " + object.getMetadata().getName(), unknown, new IdentityHashMap<>());
            assertTrue(unknown.isEmpty(), "fields the Kubernetes API does not have: " + unknown);
        }
        Deployment deployment = one(objects, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
        assertEquals(null, deployment.getSpec().getReplicas(), "the autoscaler owns the replica count");

        Service service = one(objects, Service.class);
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service reaches the pods");
        String port = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .anyMatch(p -> p.getName().equals(port)));

        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "one replica is no availability");
        assertFalse(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                .get("cpu") == null, "CPU utilisation needs a CPU request");

        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(hpa.getSpec().getMinReplicas() > pdb.getSpec().getMaxUnavailable().getIntVal(),
                "a drain leaves at least one replica serving");

        NetworkPolicy policy = one(objects, NetworkPolicy.class);
        assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
        assertTrue(policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        List<Integer> egressPorts = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(p -> p.getPort().getIntVal()).toList();
        assertTrue(egressPorts.containsAll(List.of(53, 5432, 6379)), "DNS, PostgreSQL and Redis stay reachable: " + egressPorts);
    }

    /**
     * The Spark job's manifests (docs/model-build.md) render on their own: the operator's ScheduledSparkApplication is
     * not in the Kubernetes API model, so its fields are checked here against the job itself (its main class, its
     * options) and the service's Deployment (the same Secrets); the RBAC objects are typed like the service's.
     */
    @org.junit.jupiter.api.Test
    void theSparkJobsManifestsRenderApartAndNameTheJobAndTheServicesSecrets() throws Exception {
        List<HasMetadata> objects = render("k8s/spark", 4);
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind() + " " + object.getMetadata().getName(), unknown, new IdentityHashMap<>());
                assertTrue(unknown.isEmpty(), "fields the Kubernetes API does not have: " + unknown);
            }
        }
        GenericKubernetesResource app = sparkApplication(objects);
        assertEquals("sparkoperator.k8s.io/v1beta2", app.getApiVersion());
        Map<String, Object> spec = app.get("spec");
        assertTrue(((String) spec.get("schedule")).matches("(\\S+ ){4}\\S+"), "a five-field cron: " + spec.get("schedule"));
        assertEquals("Forbid", spec.get("concurrencyPolicy"), "one build at a time");
        Map<String, Object> template = app.get("spec", "template");
        String mainClass = (String) template.get("mainClass");
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("spark/src/main/java/" + mainClass.replace('.', '/') + ".java")), mainClass);
        @SuppressWarnings("unchecked")
        List<String> arguments = (List<String>) template.get("arguments");
        String options = java.nio.file.Files.readString(java.nio.file.Path.of("spark/src/main/java/dev/pertinence/spark/JobOptions.java"));
        arguments.stream().filter(argument -> argument.startsWith("--")).forEach(option ->
                assertTrue(options.contains("\"" + option.substring(2) + "\""), option + " is not an option of the job"));
        assertTrue(arguments.containsAll(List.of("--purchases", "--redis")));
        String serviceAccount = (String) ((Map<?, ?>) template.get("driver")).get("serviceAccount");
        assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("ServiceAccount") && o.getMetadata().getName().equals(serviceAccount)));
        Deployment service = one(render("k8s", 6), Deployment.class);
        List<String> serviceSecrets = service.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().startsWith("QUARKUS_")).filter(env -> env.getValueFrom() != null)
                .map(env -> env.getName() + "=" + env.getValueFrom().getSecretKeyRef().getName()).toList();
        for (String role : List.of("driver", "executor")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> env = (List<Map<String, Object>>) ((Map<?, ?>) template.get(role)).get("env");
            List<String> secrets = env.stream().map(e -> e.get("name") + "="
                    + ((Map<?, ?>) ((Map<?, ?>) e.get("valueFrom")).get("secretKeyRef")).get("name")).toList();
            assertTrue(serviceSecrets.containsAll(secrets), role + " reads the service's credentials: " + secrets + " vs " + serviceSecrets);
            assertTrue(secrets.contains("QUARKUS_DATASOURCE_PASSWORD=pertinence-postgres"), role + ": " + secrets);
        }
        assertPinned((String) template.get("image"), "pertinence-spark");
        assertSameHosts(app, one(render("k8s", 6), ConfigMap.class), "k8s/spark and k8s/base");
    }

    /**
     * Production with the Spark job: the service exactly as k8s/overlays/production renders it but for its own nightly
     * rebuild, off, and a pod-template annotation that makes applying it roll the pods onto that setting; the job in the same namespace, against the same hosts, at the registry and release tag of the
     * service's image.
     */
    @org.junit.jupiter.api.Test
    void productionWithSparkIsTheServicesProductionWithItsScheduleOffAndTheJobAlongside() throws Exception {
        List<HasMetadata> production = render("k8s/overlays/production");
        List<HasMetadata> objects = render("k8s/overlays/production-spark", 10);
        String namespace = one(production, Deployment.class).getMetadata().getNamespace();
        assertEquals("pertinence", namespace);
        for (HasMetadata object : objects) {
            assertEquals(namespace, object.getMetadata().getNamespace(), object.getKind() + " " + object.getMetadata().getName());
        }

        ConfigMap config = one(objects, ConfigMap.class);
        assertEquals("off", config.getData().get("PERTINENCE_MODEL_REBUILD_CRON"), "the service's own nightly rebuild is off");
        assertFalse("off".equals(one(production, ConfigMap.class).getData().get("PERTINENCE_MODEL_REBUILD_CRON")),
                "and on where the job does not run");
        for (HasMetadata service : production) {
            HasMetadata same = objects.stream().filter(o -> o.getKind().equals(service.getKind())
                    && o.getMetadata().getName().equals(service.getMetadata().getName())).findFirst().orElseThrow();
            if (service instanceof ConfigMap serviceConfig) {
                Map<String, String> data = new java.util.TreeMap<>(((ConfigMap) same).getData());
                data.put("PERTINENCE_MODEL_REBUILD_CRON", serviceConfig.getData().get("PERTINENCE_MODEL_REBUILD_CRON"));
                assertEquals(new java.util.TreeMap<>(serviceConfig.getData()), data, "nothing else of the service changes");
            } else if (service instanceof Deployment) {
                // the ConfigMap's name has no hash: only a changed pod template rolls running pods onto the schedule off
                Map<String, String> annotations = ((Deployment) same).getSpec().getTemplate().getMetadata().getAnnotations();
                assertEquals("spark", annotations.get("pertinence.dev/model-rebuild"), "the pods roll when the schedule goes off");
                assertFalse(((Deployment) service).getSpec().getTemplate().getMetadata().getAnnotations()
                        .containsKey("pertinence.dev/model-rebuild"));
                annotations.remove("pertinence.dev/model-rebuild");
                assertEquals(serialization.asYaml(service), serialization.asYaml(same), "the Deployment as in production but for it");
            } else {
                assertEquals(serialization.asYaml(service), serialization.asYaml(same), service.getKind() + " as in production");
            }
        }

        GenericKubernetesResource app = sparkApplication(objects);
        assertSameHosts(app, config, "k8s/overlays/production-spark");
        String image = app.get("spec", "template", "image");
        assertPinned(image, "pertinence-spark");
        String serviceImage = one(production, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertEquals(serviceImage.replace("/pertinence:", "/pertinence-spark:"), image, "the service's registry and release tag");
        for (String role : List.of("driver", "executor")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> env = (List<Map<String, Object>>) ((Map<?, ?>) app.get("spec", "template", role)).get("env");
            List<String> secrets = env.stream().map(e -> (String) ((Map<?, ?>) ((Map<?, ?>) e.get("valueFrom")).get("secretKeyRef")).get("name"))
                    .distinct().toList();
            assertEquals(List.of("pertinence-postgres", "pertinence-redis"), secrets, role + " reads production's Secrets");
        }
    }

    private static GenericKubernetesResource sparkApplication(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getKind().equals("ScheduledSparkApplication"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    }

    /** A version tag, never a moving one. */
    private static void assertPinned(String image, String name) {
        assertTrue(image.matches("([^/]+/)*" + name + ":\\d+\\.\\d+\\.\\d+"), "pinned to a version tag: " + image);
    }

    /** The job reads and writes where the service does: the same PostgreSQL database and Redis. */
    private static void assertSameHosts(GenericKubernetesResource app, ConfigMap service, String where) {
        @SuppressWarnings("unchecked")
        List<String> arguments = (List<String>) app.get("spec", "template", "arguments");
        assertEquals("jdbc:" + service.getData().get("QUARKUS_DATASOURCE_REACTIVE_URL"),
                arguments.get(arguments.indexOf("--purchases") + 1), where + ": the service's database");
        assertEquals(service.getData().get("QUARKUS_REDIS_HOSTS"), arguments.get(arguments.indexOf("--redis") + 1),
                where + ": the service's Redis");
    }

    private List<HasMetadata> render(String directory) throws IOException, InterruptedException {
        return render(directory, 6);
    }

    private List<HasMetadata> render(String directory, int expected) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", directory).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed here (Debian package kubectl): " + e.getMessage());
            throw e;
        }
        String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), rendered);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : rendered.split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(serialization.unmarshal(document));
            }
        }
        assertEquals(expected, objects.size(), rendered);
        return objects;
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.get(0);
    }

    /** Walks the typed objects: whatever the model could not place went to an additionalProperties map. */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
        }
    }
}
