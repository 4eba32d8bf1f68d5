import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Malformed and hostile requests against every kind of write and read: bad JSON, huge bodies,
 * wrong types, injection strings, unknown fields, boundary numbers, wrong media types, odd paths.
 * Counts the answers: the target is no 5xx and every error answered application/problem+json. URIs
 * or headers over the HTTP codec's limits (414/431) are refused before the application and counted
 * apart; so are requests that got no answer at all (transport failures).
 * Usage: java bench/Hostile.java BASE_URL TOKEN [COUNT=10000]   (loopback only; 16 in flight)
 */
public class Hostile {

    private static final String[] STRINGS = {
        "' OR '1'='1", "\"; DROP TABLE customer; --", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "{#for x in 1..9999999}{/for}",
        "../../../etc/passwd", "%00", "\u0000", "\uD800", "é\u202Eevil", "<script>alert(1)</script>", "a".repeat(70_000),
        "customer.age > 1 || true", "size(history.skus) > 0 && '' + 1", "", " ", "null", "true", "-1", "1e309", "NaN"};
    private static final String[] NUMBERS = {"-1", "0", "-0", "1e309", "-1e309", "NaN", "9223372036854775808", "1.0000000000000000001",
        "99999999999999999999999", "\"12\"", "true", "[]", "{}", "null", "0.000000001", "4.9e-324"};
    private static final String[] PATHS = {"/v1/decisions", "/v1/outcomes", "/v1/purchases", "/v1/purchases/batch",
        "/v1/experiments", "/v1/page-layouts", "/v1/store-visits", "/v1/cascades", "/v1/offers", "/v1/consents/import",
        "/v1/products/import", "/v1/purchases/import"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        SplittableRandom random = new SplittableRandom(7);
        Semaphore window = new Semaphore(16);
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger notProblem = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger codec = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            HttpRequest request = request(base, token, random, i);
            window.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                window.release();
                done.countDown();
                if (failure != null) {
                    failures.incrementAndGet();
                    remember(examples, request.method() + " " + abbreviated(request.uri().getPath()) + " "
                            + request.headers().firstValue("Content-Type").orElse("") + " "
                            + request.bodyPublisher().map(b -> b.contentLength() + " bytes").orElse("") + " -> no answer: " + failure);
                    return;
                }
                synchronized (statuses) {
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() >= 500) {
                    serverErrors.incrementAndGet();
                    remember(examples, request.method() + " " + abbreviated(request.uri().getPath()) + " -> " + response.statusCode()
                            + " " + abbreviated(response.body()));
                }
                if (response.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                    if (response.statusCode() == 414 || response.statusCode() == 431) {
                        codec.incrementAndGet(); // URI or headers over the HTTP codec's limits: refused before the application
                    } else {
                        notProblem.incrementAndGet();
                        remember(examples, request.method() + " " + abbreviated(request.uri().getPath()) + " -> " + response.statusCode()
                                + " " + type + " " + abbreviated(response.body()));
                    }
                }
            });
        }
        done.await(5, java.util.concurrent.TimeUnit.MINUTES);
        System.out.printf("requests=%d 5xx=%d errors-not-problem+json=%d refused-by-http-codec(414/431)=%d transport-failures=%d "
                + "statuses=%s%n", count, serverErrors.get(), notProblem.get(), codec.get(), failures.get(), statuses);
        examples.forEach(example -> System.out.println("  " + example));
        System.exit(serverErrors.get() == 0 && notProblem.get() == 0 ? 0 : 1);
    }

    private static HttpRequest request(String base, String token, SplittableRandom random, int i) {
        String path = PATHS[random.nextInt(PATHS.length)];
        String body;
        String type = "application/json";
        switch (i % 10) {
            case 0 -> body = "{\"channel\": \"web\", \"placement\": "; // truncated JSON
            case 1 -> body = i % 50 == 1 ? "{\"pad\": \"" + "x".repeat(random.nextInt(1, 6) * 1_000_000) + "\"}" // 1-5 MB
                    : "{\"pad\": \"" + "x".repeat(random.nextInt(1, 200) * 1_000) + "\"}"; // up to 200 kB
            case 2 -> body = "{\"channel\": " + NUMBERS[random.nextInt(NUMBERS.length)] + ", \"placement\": " + pick(random)
                    + ", \"limit\": " + NUMBERS[random.nextInt(NUMBERS.length)] + "}";
            case 3 -> body = "{\"customerId\": " + pick(random) + ", \"channel\": \"web\", \"placement\": \"home\", \"context\": {\"cart\": ["
                    + pick(random) + "], \"time\": " + pick(random) + "}}";
            case 4 -> body = "{\"unknownField\": 1, \"channel\": \"web\", \"placement\": \"home\", \"__proto__\": {\"admin\": true}}";
            case 5 -> body = "[" + "[".repeat(5_000) + "]".repeat(5_000) + "]"; // deep nesting
            case 6 -> {
                type = "text/csv";
                body = "sku,name,category,price\n" + pick(random).replace("\"", "") + ",\"unclosed,x,1e309\n,,,\n\u0000,a,b,NaN\n";
            }
            case 7 -> {
                type = random.nextBoolean() ? "application/xml" : "text/plain";
                body = "<x>" + pick(random) + "</x>";
            }
            case 8 -> body = "{\"outcomes\": [{\"decisionId\": " + pick(random) + ", \"eventId\": " + pick(random)
                    + ", \"offerId\": \"o\", \"type\": \"convert\", \"value\": " + NUMBERS[random.nextInt(NUMBERS.length)] + "}]}";
            default -> body = "{\"name\": " + pick(random) + ", \"channels\": [" + pick(random) + "], \"arms\": [{\"name\": \"a\", "
                    + "\"share\": " + NUMBERS[random.nextInt(NUMBERS.length)] + ", \"strategy\": \"control\"}]}";
        }
        if (i % 37 == 0) { // odd reads: ids with traversal, encoded bytes, huge
            String id = java.net.URLEncoder.encode(STRINGS[random.nextInt(STRINGS.length)], java.nio.charset.StandardCharsets.UTF_8);
            String[] reads = {"/v1/customers/", "/v1/offers/", "/v1/experiments/", "/v1/customers/x/agent-card?offers=",
                "/v1/models/co-purchase/neighbours/", "/v1/experiments/x/results/chart?metric="};
            return HttpRequest.newBuilder(URI.create(base + reads[random.nextInt(reads.length)] + id))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        }
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).timeout(Duration.ofSeconds(30))
                .method(path.equals("/v1/offers") && random.nextBoolean() ? "PUT" : "POST", HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String pick(SplittableRandom random) {
        String s = STRINGS[random.nextInt(STRINGS.length)];
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static void remember(List<String> examples, String example) {
        synchronized (examples) {
            if (examples.size() < 20) {
                examples.add(example);
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
