package dev.pertinence.common;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JSON bodies are capped by kind of request (64 KB real-time, 1 MB other writes, 32 MB bulk),
 * before they are parsed: a declared length past the cap is refused before the body is read, a
 * streamed one as soon as it passes. Spoken to over a raw socket, as an attacker would: an HTTP
 * client library sends the whole body before it reads the answer.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final String DECISION = "{\"channel\": \"web\", \"placement\": \"home\"}";

    @Inject
    BodyLimits limits;

    @Test
    void aDeclaredLengthPastTheCapIsRefusedBeforeTheBodyIsRead() throws IOException {
        long started = System.nanoTime();
        // 150 MB announced, 10 bytes sent: the answer comes without waiting for the rest
        String answer = exchange("POST", "/v1/decisions", "Content-Length: 150000000\r\n", "{\"channel\"".getBytes(StandardCharsets.UTF_8));
        assertThat(answer, startsWith("HTTP/1.1 413"));
        assertThat(answer, containsString("application/problem+json"));
        assertThat(answer, containsString("\"status\":413"));
        assertThat(answer, containsString("at most 65536 bytes"));
        assertTrue(System.nanoTime() - started < 3_000_000_000L, "answered at once");
        // the same for a write and a bulk request, each at its own cap
        assertThat(exchange("PUT", "/v1/customers/bl-1", "Content-Length: 1048577\r\n", new byte[10]), containsString("at most 1048576 bytes"));
        assertThat(exchange("PUT", "/v1/offers", "Content-Length: 33554433\r\n", new byte[10]), containsString("at most 33554432 bytes"));
    }

    @Test
    void aStreamedBodyIsCountedAndRefusedOnceItPassesTheCap() throws IOException {
        byte[] padding = " ".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.write("{\"channel\": \"web\", \"placement\": \"home\"".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 64; i++) { // 1 MB of blanks, in 16 KB chunks: refused after the fifth
            chunks.write(padding);
        }
        chunks.write('}');
        String answer = exchangeChunked("/v1/decisions", chunks.toByteArray());
        assertThat(answer, startsWith("HTTP/1.1 413"));
        assertThat(answer, containsString("at most 65536 bytes"));
    }

    @Test
    void bodiesWithinTheirCapGoThrough() throws IOException {
        // streamed and small: read in full and decided as usual
        assertThat(exchangeChunked("/v1/decisions", DECISION.getBytes(StandardCharsets.UTF_8)), startsWith("HTTP/1.1 200"));
        // a declared length at the cap is no reason to refuse
        byte[] atTheCap = padded(DECISION, 65_536);
        assertThat(exchange("POST", "/v1/decisions", "Content-Length: " + atTheCap.length + "\r\n", atTheCap), startsWith("HTTP/1.1 200"));
        byte[] overTheCap = padded(DECISION, 65_537);
        assertThat(exchange("POST", "/v1/decisions", "Content-Length: " + overTheCap.length + "\r\n", overTheCap),
                startsWith("HTTP/1.1 413"));
        // 900 KB is a lot for a profile, but within a write's 1 MB
        byte[] profile = padded("{\"firstName\": \"Ana\"}", 900 * 1024);
        assertThat(exchange("PUT", "/v1/customers/bl-2", "Content-Length: " + profile.length + "\r\n", profile),
                startsWith("HTTP/1.1 201"));
    }

    /** The JDK client asks for an h2c upgrade: the upgraded request is already read, and must not be counted again. */
    @Test
    void requestsUpgradedToHttp2AreServed() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String base = "http://localhost:" + RestAssured.port;
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/offers/bl-none"))
                .header("Authorization", "Bearer " + Tokens.ALL_ROLES).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode(), missing.body());
        HttpResponse<String> decided = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/decisions"))
                .header("Authorization", "Bearer " + Tokens.ALL_ROLES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DECISION)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, decided.statusCode(), decided.body());
        HttpResponse<String> large = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/decisions"))
                .header("Authorization", "Bearer " + Tokens.ALL_ROLES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(padded(DECISION, 70_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, large.statusCode(), large.body());
    }

    @Test
    void eachKindOfRequestHasItsCap() {
        assertEquals(65_536, limits.capFor(HttpMethod.POST, "/v1/decisions"));
        assertEquals(65_536, limits.capFor(HttpMethod.POST, "/v1/decisions/"));
        assertEquals(65_536, limits.capFor(HttpMethod.POST, "/v1/page-layouts"));
        assertEquals(65_536, limits.capFor(HttpMethod.POST, "/v1/store-visits"));
        assertEquals(1_048_576, limits.capFor(HttpMethod.POST, "/v1/decisions/d-1/outcomes"));
        assertEquals(1_048_576, limits.capFor(HttpMethod.PUT, "/v1/offers/o-1"));
        assertEquals(1_048_576, limits.capFor(HttpMethod.POST, "/v1/purchases"));
        assertEquals(33_554_432, limits.capFor(HttpMethod.PUT, "/v1/offers"));
        assertEquals(33_554_432, limits.capFor(HttpMethod.POST, "/v1/purchases/batch"));
        assertEquals(33_554_432, limits.capFor(HttpMethod.POST, "/v1/outcomes"));
        // CSV imports are streamed and keep quarkus.http.limits.max-body-size; /q/ is not the API
        assertEquals(-1, limits.capFor(HttpMethod.POST, "/v1/purchases/import"));
        assertEquals(-1, limits.capFor(HttpMethod.POST, "/v1/products/import"));
        assertEquals(-1, limits.capFor(HttpMethod.POST, "/v1/consents/import"));
        assertEquals(-1, limits.capFor(HttpMethod.GET, "/q/health"));
    }

    /** JSON followed by blanks up to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.UTF_8);
    }

    private static String exchange(String method, String path, String headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, headers));
            try {
                out.write(body);
                out.flush();
            } catch (IOException closed) {
                // the service answered and closed before taking it all: the answer is what matters
            }
            return answer(socket.getInputStream());
        }
    }

    private static String exchangeChunked(String path, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", path, "Transfer-Encoding: chunked\r\n"));
            try {
                for (int from = 0; from < body.length; from += 16 * 1024) {
                    int length = Math.min(16 * 1024, body.length - from);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, from, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // refused midway
            }
            return answer(socket.getInputStream());
        }
    }

    private static byte[] head(String method, String path, String headers) {
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.ALL_ROLES + "\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the service sent until it closed the connection (each request asks it to). */
    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (IOException reset) {
            // closed with part of our body unread: what came before the reset is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
