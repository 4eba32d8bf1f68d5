package dev.pertinence.spark;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps a live driver's build lock: a daemon thread renews it every third of its time, and with it the expiry of
 * the version being written ({@link RedisModelWriter#renew}), while the lock is still the build's. A driver that
 * dies (killed, evicted, out of memory) stops renewing: its lock and its unswitched version are gone within the
 * lock's time (minutes, not hours), and the next build marks its row abandoned. A lock found gone or another's is
 * not taken back: renewing stops and the switch, which checks the owner again, refuses.
 */
final class LockRenewal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LockRenewal.class);

    private final RedisTarget target;
    private final String owner;
    private final String version;
    private final Duration ttl;
    private final ScheduledExecutorService timer;
    private volatile boolean lost;
    private UnifiedJedis redis;

    private LockRenewal(RedisTarget target, String owner, String version, Duration ttl) {
        this.target = target;
        this.owner = owner;
        this.version = version;
        this.ttl = ttl;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pertinence-build-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Renews every third of {@code ttl} from now on, until {@link #close}. */
    static LockRenewal start(RedisTarget target, String owner, String version, Duration ttl) {
        LockRenewal renewal = new LockRenewal(target, owner, version, ttl);
        long period = Math.max(1, ttl.toMillis() / 3);
        renewal.timer.scheduleAtFixedRate(renewal::renew, period, period, TimeUnit.MILLISECONDS);
        return renewal;
    }

    /** True once a renewal found the lock gone or another's. */
    boolean lost() {
        return lost;
    }

    private void renew() {
        try {
            if (redis == null) {
                redis = target.open();
            }
            if (!RedisModelWriter.renew(redis, owner, version, ttl)) {
                lost = true;
                LOG.warn("Model build {} no longer holds the build lock: it will not be switched to", owner);
                timer.shutdown();
            }
        } catch (RuntimeException e) { // Redis unreachable for a moment: try again at the next tick, within the lock's time
            LOG.warn("Model build {}: the build lock was not renewed: {}", owner, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
