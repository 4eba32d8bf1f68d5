package dev.pertinence.common.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.io.IOException;
import java.time.Duration;

/**
 * The tests' real Redis, frozen as an operator saw it (SIGSTOP): connections stay open, commands
 * are accepted and never answered. Its process id comes from the server itself (INFO server).
 * Always used in try-with-resources: closing sends SIGCONT.
 */
public final class FrozenRedis implements AutoCloseable {

    private final long pid;

    private FrozenRedis(long pid) {
        this.pid = pid;
        signal("STOP");
    }

    public static FrozenRedis freeze(Redis redis) {
        String info = redis.send(Request.cmd(Command.INFO).arg("server")).await().atMost(Duration.ofSeconds(10)).toString();
        long pid = info.lines().filter(line -> line.startsWith("process_id:"))
                .mapToLong(line -> Long.parseLong(line.substring("process_id:".length()).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no process_id in INFO server: " + info));
        return new FrozenRedis(pid);
    }

    @Override
    public void close() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
