package dev.pertinence.common.embedded;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: points the service at embedded PostgreSQL and Redis unless their URLs are
 * configured, then starts Quarkus. In dev mode the properties set here survive live reloads, so
 * the servers are started once.
 */
@QuarkusMain
public class PertinenceMain {

    public static void main(String... args) {
        EmbeddedServers.startUnlessConfigured().forEach(System::setProperty);
        Quarkus.run(args);
    }
}
