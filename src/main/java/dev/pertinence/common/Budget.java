package dev.pertinence.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A call with a time budget and a fallback, as one Uni step: the call's Vert.x future and an
 * event-loop timer race, the first to finish wins. Cheaper on the decision path than a chain of
 * Mutiny operators with a worker-pool timeout (each operator of a request is wrapped for context
 * propagation; measured in docs/benchmarks.md).
 */
public final class Budget {

    private Budget() {
    }

    /** The call's result, or {@code fallback}'s for its failure or for a {@link TimeoutException} past the budget. */
    public static <T> Uni<T> within(Vertx vertx, Duration budget, Supplier<Future<T>> call, Function<Throwable, T> fallback) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            long timer = vertx.setTimer(Math.max(1, budget.toMillis()), id -> {
                if (settled.compareAndSet(false, true)) {
                    emitter.complete(fallback.apply(new TimeoutException("no answer within " + budget.toMillis() + " ms")));
                }
            });
            Future<T> future;
            try {
                future = call.get();
            } catch (RuntimeException e) {
                future = Future.failedFuture(e);
            }
            future.onComplete(result -> {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    emitter.complete(result.succeeded() ? result.result() : fallback.apply(result.cause()));
                }
            });
        });
    }
}
