package dev.pertinence.copurchase.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.redis.DerivedState;
import dev.pertinence.copurchase.store.ActiveModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Gives Redis back the co-purchase model after it lost its data. The model lives only in Redis
 * (a replica holds a part of it: the neighbour lists its decisions asked for), so it is built
 * again from the purchases in PostgreSQL, as a build with trigger "recovery" recorded in
 * {@code model_build} like any other, and only if a model had been built before. The build is
 * started, not awaited: the contact state must not wait for it. Until it is published, readiness,
 * the neighbours endpoint and decisions all say there is no model ({@code ActiveModel}).
 */
@ApplicationScoped
public class ModelRecovery implements DerivedState {

    private static final Logger LOG = Logger.getLogger(ModelRecovery.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ModelBuildService builds;
    private final ActiveModel activeModel;

    public ModelRecovery(ModelBuildService builds, ActiveModel activeModel) {
        this.builds = builds;
        this.activeModel = activeModel;
    }

    /** Reads the pointer now rather than at the next poll: its absence drops the model this replica reads. */
    @Override
    public void lost() {
        activeModel.refresh().subscribe().with(current -> { }, failure -> LOG.debug("Model pointer not read", failure));
    }

    @Override
    public String name() {
        return "co-purchase model";
    }

    @Override
    public long rebuild() {
        if (builds.latestSucceeded().await().atMost(WAIT) == null) {
            return 0; // never built: nothing to give back
        }
        try {
            LOG.infof("Co-purchase model build %s started to replace the model Redis lost",
                    builds.start("recovery").await().atMost(WAIT).id());
            return 1;
        } catch (ClientProblem running) {
            return 0; // a build is running (its lock survived or was taken since): it publishes a model
        }
    }
}
