import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Outcome ingest for the kill-and-restart fault test: reads "decisionId offerId" lines, posts one
 * impression per line (eventId ingest-N) for SECONDS seconds, round and round with new event ids,
 * and writes the "decisionId offerId" impressions the service acknowledged with a 2xx to ACKED, once
 * each: a decision's offer has one impression, so from the second round on the answers are
 * duplicates of an impression that must be in PostgreSQL. Whatever fails while
 * the service is down is simply not acknowledged (a real client would retry it). Prints how many
 * answers had each status, and whether every 503 carried Retry-After and a problem+json body.
 * Usage: java bench/Ingest.java BASE TOKEN DECISIONS_FILE ACKED_FILE SECONDS [EVENT_PREFIX=ingest]
 */
public class Ingest {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        List<String> decisions = Files.readAllLines(Path.of(args[2]));
        Path acked = Path.of(args[3]);
        long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        String prefix = args.length > 5 ? args[5] : "ingest";
        java.util.Set<String> ok = new java.util.LinkedHashSet<>();
        int acknowledged = 0;
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        int failed = 0;
        int unavailableWithoutRetryAfter = 0;
        while (System.nanoTime() < until) {
            String[] decision = decisions.get(sent % decisions.size()).split(" ");
            String event = prefix + "-" + sent++;
            String body = "{\"outcomes\": [{\"decisionId\": \"" + decision[0] + "\", \"eventId\": \"" + event + "\", \"offerId\": \""
                    + decision[1] + "\", \"type\": \"impression\"}]}";
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/outcomes"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() / 100 == 2) {
                    ok.add(decision[0] + " " + decision[1]);
                    acknowledged++;
                } else {
                    failed++;
                    if (response.statusCode() == 503 && (response.headers().firstValue("Retry-After").isEmpty()
                            || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"))) {
                        unavailableWithoutRetryAfter++;
                    }
                }
            } catch (java.io.IOException e) {
                failed++;
                Thread.sleep(50); // the service is down: try the next one a moment later
            }
        }
        Files.write(acked, ok);
        System.out.printf("sent=%d acknowledged=%d (impressions: %d) not-acknowledged=%d statuses=%s "
                + "503-without-retry-after-or-problem=%d%n", sent, acknowledged, ok.size(), failed, statuses, unavailableWithoutRetryAfter);
    }
}
