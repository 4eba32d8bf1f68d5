package dev.pertinence.common.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoolTimerNoiseTest {

    @Test
    void onlyThePoolTimersCompletedPromiseIsSilenced() {
        assertTrue(PoolTimerNoise.isTheBug(thrown("Result is already complete", "io.vertx.sqlclient.impl.pool.SqlConnectionPool",
                "lambda$execute$3")), "the stack bench/faults.sh logged 21,131 times");
        assertFalse(PoolTimerNoise.isTheBug(thrown("Result is already complete", "dev.pertinence.decide.service.DecisionService",
                "decide")), "the same message from our code is a bug of ours: logged");
        assertFalse(PoolTimerNoise.isTheBug(thrown("Pool closed", "io.vertx.sqlclient.impl.pool.SqlConnectionPool",
                "lambda$execute$3")));
        assertFalse(PoolTimerNoise.isTheBug(new IllegalArgumentException("Result is already complete")));
    }

    private static IllegalStateException thrown(String message, String className, String method) {
        IllegalStateException failure = new IllegalStateException(message);
        failure.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 90),
            new StackTraceElement(className, method, "X.java", 216),
            new StackTraceElement("io.vertx.core.impl.VertxImpl$InternalTimerHandler", "handle", "VertxImpl.java", 1102)});
        return failure;
    }
}
