package dev.pertinence.copurchase.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Rebuilds the model on the configured cron; a replica that finds a build running skips its turn. */
@ApplicationScoped
public class ScheduledModelBuild {

    private static final Logger LOG = Logger.getLogger(ScheduledModelBuild.class);
    private final ModelBuildService builds;

    public ScheduledModelBuild(ModelBuildService builds) {
        this.builds = builds;
    }

    @Scheduled(cron = "{pertinence.model.rebuild-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rebuild() {
        return builds.start("schedule")
                .invoke(build -> LOG.infof("Scheduled model build %s started", build.id()))
                .onFailure().invoke(failure -> LOG.infof("Scheduled model build skipped: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
