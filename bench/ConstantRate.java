import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Open-model load at a constant rate: request i is due at start + i/rate whatever happened before,
 * and its latency is measured from that due time (no coordinated omission). One Vert.x event loop,
 * keep-alive connections (at most 256), never closed for idleness during the run: Vert.x' default closes a
 * connection idle for 60 s, and the first closes made this JVM compile its connection-closing code on
 * the service's cores 56-59 s into the run, a 40-500 ms stall of the bench's own (docs/benchmarks.md,
 * run 29). The first WARMUP seconds run at the same rate but are not
 * recorded (the generator's own JVM warms up too). Bounded: stops after WARMUP + SECONDS, then waits
 * at most 10 s for stragglers. Besides the whole run's quantiles it reports each second's p99 (requests
 * grouped by the second they were due in): the worst second, how many seconds exceeded 50 ms, and, when
 * SERIES names a file, the whole series there (second, p50, p99, max in ms). When MARK names a path,
 * MARK.start is created when the recorded seconds begin and MARK.end once every request is answered, so
 * bench/run.sh measures the CPU of exactly that span.
 * Usage (classpath: the packaged service's libraries):
 *   [SERIES=file] [MARK=path] java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java URL RATE SECONDS CUSTOMERS [WARMUP=5]
 */
public class ConstantRate {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int customers = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int skipped = rate * warmup;
        int total = rate * (warmup + seconds);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(warmup + seconds + 60).setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()), new PoolOptions().setHttp1MaxSize(256));
        long[] latencies = new long[total];
        int[] errors = new int[1];
        java.util.Map<String, Integer> statuses = new java.util.TreeMap<>(); // only touched on the one event loop
        int[] sent = new int[1];
        CountDownLatch done = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(7);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 200_000_000L;
        String mark = System.getenv("MARK");
        if (mark != null && !mark.isBlank()) {
            vertx.setTimer(200 + warmup * 1000L, timer -> touch(mark + ".start"));
        }
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (sent[0] < total && start + sent[0] * period <= now) { // catch up: due times never shift
                int index = sent[0]++;
                long due = start + index * period;
                String body = "{\"customerId\": \"cu" + random.nextInt(customers) + "\", \"channel\": \"web\", \"placement\": \"home\"}";
                client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(uri.getPath())
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Authorization", "Bearer " + System.getenv().getOrDefault("TOKEN", "")).setTimeout(5_000))
                        .compose(request -> request.send(Buffer.buffer(body)))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(result -> {
                            latencies[index] = System.nanoTime() - due;
                            if (result.failed() || result.result() >= 300) {
                                errors[0]++;
                            }
                            statuses.merge(result.failed() ? "no-answer" : String.valueOf(result.result()), 1, Integer::sum);
                            done.countDown();
                        });
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        boolean finished = done.await(warmup + seconds + 10L, TimeUnit.SECONDS);
        if (mark != null && !mark.isBlank()) {
            touch(mark + ".end");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        perSecond(latencies, skipped, rate, seconds);
        long[] sorted = Arrays.copyOfRange(latencies, skipped, total);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "requests=%d errors=%d unfinished=%d achieved=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms statuses (warm-up included)=%s%n",
                sorted.length, errors[0], finished ? 0 : done.getCount(), total / elapsed, ms(sorted, 0.50), ms(sorted, 0.90),
                ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6, statuses);
        vertx.close();
        System.exit(0);
    }

    private static void touch(String path) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(path), "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each recorded second's p99 (by due time); an unanswered request counts as its timeout. */
    private static void perSecond(long[] latencies, int skipped, int rate, int seconds) throws java.io.IOException {
        StringBuilder series = new StringBuilder("second,p50_ms,p99_ms,max_ms\n");
        double worst = 0;
        int worstSecond = 0;
        int over50 = 0;
        for (int second = 0; second < seconds; second++) {
            int from = skipped + second * rate;
            long[] bucket = Arrays.copyOfRange(latencies, from, from + rate);
            for (int i = 0; i < bucket.length; i++) {
                bucket[i] = bucket[i] == 0 ? 5_000_000_000L : bucket[i];
            }
            Arrays.sort(bucket);
            double p99 = ms(bucket, 0.99);
            if (p99 > worst) {
                worst = p99;
                worstSecond = second;
            }
            over50 += p99 > 50 ? 1 : 0;
            series.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f%n", second, ms(bucket, 0.5), p99, bucket[bucket.length - 1] / 1e6));
        }
        System.out.printf(Locale.ROOT, "per-second p99: worst=%.2fms (second %d) seconds-over-50ms=%d of %d%n", worst, worstSecond, over50, seconds);
        String file = System.getenv("SERIES");
        if (file != null && !file.isBlank()) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(file), series);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
