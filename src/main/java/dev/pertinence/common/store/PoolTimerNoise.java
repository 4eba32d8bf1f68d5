package dev.pertinence.common.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Silences one known Vert.x SQL client bug (eclipse-vertx/vertx-sql-client#1706, open): when
 * PostgreSQL is unreachable, a query through the pool fails at once as it should, but the pool's
 * acquire-timeout timer is not cancelled and later fails the completed promise again, which
 * Vert.x reports as an uncaught IllegalStateException. Nothing is lost (the caller already had
 * its answer), but during an outage it logged one stack trace per query: 21,131 in one
 * bench/faults.sh run. Those are counted ({@code pertinence_store_pool_timer_noise_total}) instead
 * of logged; every other uncaught exception goes to the handler Quarkus installed.
 */
@ApplicationScoped
public class PoolTimerNoise {

    private static final Logger LOG = Logger.getLogger(PoolTimerNoise.class);

    void install(@Observes StartupEvent event, Vertx vertx, MeterRegistry meters) {
        Counter silenced = Counter.builder("pertinence.store.pool.timer.noise")
                .description("Uncaught 'Result is already complete' of the SQL pool's acquire timer (vertx-sql-client#1706), not logged")
                .register(meters);
        Handler<Throwable> previous = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isTheBug(failure)) {
                silenced.increment();
            } else if (previous != null) {
                previous.handle(failure);
            } else {
                LOG.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    /** The IllegalStateException the pool's timer throws: Promise.fail called from SqlConnectionPool's execute. */
    static boolean isTheBug(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        StackTraceElement[] stack = failure.getStackTrace();
        for (int i = 0; i < Math.min(3, stack.length); i++) {
            if (stack[i].getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool")
                    && stack[i].getMethodName().startsWith("lambda$execute")) {
                return true;
            }
        }
        return false;
    }
}
