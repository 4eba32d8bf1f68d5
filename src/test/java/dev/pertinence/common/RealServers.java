package dev.pertinence.common;

import dev.pertinence.common.embedded.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The tests' real PostgreSQL and Redis: embedded servers unless URLs are configured, the same
 * rule as the service's. Global: every {@code @QuarkusTest} shares them.
 */
public class RealServers implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return EmbeddedServers.startUnlessConfigured();
    }

    @Override
    public void stop() {
        // the servers stop with the JVM (shutdown hook), after the last test class
    }
}
