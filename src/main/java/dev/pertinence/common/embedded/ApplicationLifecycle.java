package dev.pertinence.common.embedded;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells the embedded servers when the application runs: their shutdown hooks wait for its
 * shutdown to end. Observes the shutdown last (highest priority value), after every component's
 * own shutdown work, such as the decision recorder's flush.
 */
@ApplicationScoped
public class ApplicationLifecycle {

    void started(@Observes StartupEvent event) {
        EmbeddedServers.applicationStarted();
    }

    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedServers.applicationStopped();
    }
}
