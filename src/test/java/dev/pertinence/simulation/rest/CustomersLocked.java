package dev.pertinence.simulation.rest;

import dev.pertinence.common.store.BlockingTransaction;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The customer table locked against readers until closed: a simulation started meanwhile is
 * running but held at reading its population, for as long as a test needs it to be (the lock's
 * transaction is rolled back on close). Only for simulations without a segment: checking a
 * segment reads the table too.
 */
final class CustomersLocked implements AutoCloseable {

    private final BlockingTransaction transaction;

    CustomersLocked(Pool pool) {
        transaction = BlockingTransaction.begin(pool);
        try {
            transaction.execute("LOCK TABLE customer IN ACCESS EXCLUSIVE MODE");
        } catch (RuntimeException e) {
            transaction.close();
            throw e;
        }
    }

    @Override
    public void close() {
        transaction.close();
    }
}
