package dev.pertinence.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pertinence.common.Tokens;
import dev.pertinence.common.security.Roles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console signed in through an OpenID Connect provider (Quarkus's WireMock one): the code flow
 * for /console, the provider's access token handed to the page and verified for /v1 by the API's own
 * bearer verification (smallrye-jwt, VerifiedTokens), roles read from a claim path and mapped to the
 * service's four; under the production profile. One Quarkus start for the whole class (one profile).
 */
@QuarkusTest
@TestProfile(ProviderSignInTest.Provider.class)
class ProviderSignInTest {

    static final String ISSUER = "https://server.example.com";
    /** The service's address as production sends it to the provider and to browsers (the port is the test's). */
    static final String HTTPS = "https://localhost:";
    static final String CLIENT = "pertinence-console";
    static final String KEY_STORE_PASSWORD = "this-test-only";
    /** A throwaway self-signed certificate for localhost (the JDK's keytool). */
    static final Path KEY_STORE = selfSigned();

    /** The production profile (as ProductionProfileTest gives it), with the provider's settings. */
    public static class Provider implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("pertinence.log.json", "false");
            config.put("pertinence.privacy.pseudonym-key", "a-pseudonym-key-of-this-test-only-32+chars");
            config.put("pertinence.warm-up.decisions", "20");
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus");
            config.put("quarkus.oidc.client-id", CLIENT);
            config.put("quarkus.oidc.credentials.secret", "a-client-secret-for-this-test-only-32+chars");
            // the API verifies the provider's tokens: its keys, its issuer, this service's audience
            // (a default for the build, before the provider is started: without any location there, smallrye-jwt makes a key of its own)
            config.put("mp.jwt.verify.publickey.location", "${keycloak.url:http://localhost/auth}/realms/quarkus/protocol/openid-connect/certs");
            config.put("mp.jwt.verify.issuer", ISSUER);
            config.put("mp.jwt.verify.audiences", Tokens.AUDIENCE);
            // the provider's roles, where Keycloak puts them, under the organisation's names
            // the client's own roles (Keycloak's resource_access), not the realm's, which every client of the realm shares
            config.put("smallrye.jwt.path.groups", "resource_access/" + CLIENT + "/roles");
            config.put("quarkus.http.auth.roles-mapping.\"pertinence-agent\"", Roles.DECISION_CLIENT);
            config.put("quarkus.http.auth.roles-mapping.\"pertinence-marketer\"", Roles.MARKETER);
            // HTTPS beside the plain port, for the browser: production's cookies are Secure and its redirects https
            config.put("quarkus.http.test-ssl-port", "0");
            config.put("quarkus.http.ssl.certificate.key-store-file", KEY_STORE.toString());
            config.put("quarkus.http.ssl.certificate.key-store-password", KEY_STORE_PASSWORD);
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @OidcWireMock
    WireMockServer provider;

    /** The service over HTTPS, as a browser reaches it through the ingress. */
    @TestHTTPResource(value = "/", tls = true)
    URL secure;

    @Test
    void anUnauthenticatedPageIsSentToTheProvider() {
        Response page = given().redirects().follow(false).get("/console/agent");
        assertEquals(302, page.statusCode());
        String location = page.header("Location");
        assertTrue(location.startsWith(provider.baseUrl() + "/auth/realms/quarkus?"), location);
        Map<String, String> query = query(location);
        assertEquals("code", query.get("response_type"));
        assertEquals(CLIENT, query.get("client_id"));
        // https though the request came as plain HTTP, as it does from the TLS-terminating ingress
        assertEquals(HTTPS + RestAssured.port + "/console", query.get("redirect_uri"));
        assertTrue(query.get("scope").contains("openid"), query.get("scope"));
        assertFalse(query.get("state").isBlank());
        // PKCE
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("code_challenge").matches("[A-Za-z0-9_-]{43}"), query.get("code_challenge"));
        assertConsoleCookies(page, "q_auth");

        // the page's own call for its token is told so (499), not redirected where fetch cannot follow
        given().header("X-Requested-With", "JavaScript").redirects().follow(false).get("/console/session")
                .then().statusCode(499);
        // the pages after signing out, and the script and stylesheet, need no session
        given().redirects().follow(false).get("/console/signed-out").then().statusCode(200)
                .body(containsString("Signed out"));
        given().redirects().follow(false).get("/console/assets/console.js").then().statusCode(200);
    }

    @Test
    void theCodeFlowEndsOnTheConsoleSignedInWithATokenTheApiAccepts() throws Exception {
        Map<String, String> cookies = signIn("maria", "pertinence-marketer");

        given().cookies(cookies).redirects().follow(false).get("/console/offers").then().statusCode(200)
                .body(containsString("data-session=\"/console/session\""))
                .body(containsString("data-sign-in=\"\""));
        Response session = given().cookies(cookies).redirects().follow(false).get("/console/session");
        session.then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", "no-store")
                .body("roles", equalTo(List.of(Roles.MARKETER)))
                .body("name", equalTo("maria"));
        String token = session.path("token");

        given().header("Authorization", "Bearer " + token).get("/v1/offers").then().statusCode(200);
        // the session opens /console only: its cookies sent to /v1 without a token are no sign-in there (a 401 problem)
        HttpResponse<String> withSession = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/offers"))
                .header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, withSession.statusCode(), withSession.body());
        assertTrue(withSession.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(withSession.body().contains("\"status\":401"), withSession.body());
        // a marketer does not read a person's consents: the API's rules, whoever signed in where
        given().header("Authorization", "Bearer " + token).get("/v1/customers/c-oidc/consents").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        // no development sign-in where the provider signs people in
        given().cookies(cookies).redirects().follow(false).get("/console/sign-in").then().statusCode(404);
        given().cookies(cookies).redirects().follow(false).formParam("role", Roles.MARKETER).post("/console/sign-in")
                .then().statusCode(404);
    }

    @Test
    void anAgentGetsTheAgentsRoleAndIsRefusedTheMarketersCalls() {
        Map<String, String> cookies = signIn("alex", "pertinence-agent");
        Response session = given().cookies(cookies).redirects().follow(false).get("/console/session");
        session.then().statusCode(200).body("roles", equalTo(List.of(Roles.DECISION_CLIENT))).body("name", equalTo("alex"));
        String token = session.path("token");

        given().header("Authorization", "Bearer " + token).get("/v1/offers").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        // admitted (the person is simply unknown), where the marketer was refused
        given().header("Authorization", "Bearer " + token).get("/v1/customers/c-oidc/exposures").then().statusCode(404);
    }

    @Test
    void aSessionWhoseTokenTheApiWouldRefuseIsSaidSo() {
        Map<String, String> cookies = signIn(access("sam", "pertinence-marketer").audience("another-service"));
        given().cookies(cookies).redirects().follow(false).get("/console/session").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("token"))
                .body("detail", containsString("MP_JWT_VERIFY_AUDIENCES"));
    }

    /** The access token's expiry drives the refresh (verify-access-token), not only the ID token's (5 minutes here). */
    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeThePageGetsIt() {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> cookies = signIn(access("maria", "pertinence-marketer").expiresAt(now + 30));
        String idToken = OidcWiremockTestResource.getIdToken("someone", Set.of(), CLIENT);
        String refreshed = sign(access("maria-refreshed", "pertinence-marketer"));
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson("{\"access_token\": \"" + refreshed + "\", \"token_type\": \"Bearer\", "
                        + "\"expires_in\": 300, \"refresh_token\": \"another-refresh-token\", \"id_token\": \"" + idToken + "\"}")));

        Response session = given().cookies(cookies).redirects().follow(false).get("/console/session");
        session.then().statusCode(200).body("name", equalTo("maria-refreshed")).body("token", equalTo(refreshed));
        assertConsoleCookies(session, "q_session");
    }

    /** /v1 is verified by the API's bearer mechanism (smallrye-jwt with VerifiedTokens' limits), never by OIDC's. */
    @Test
    void theApiVerifiesProviderTokensByItsOwnRules() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        refused(sign(access("eve", "pertinence-marketer").issuedAt(now - 7200).expiresAt(now - 3600)));
        refused(forged(access("eve", "pertinence-marketer")));
        // lifetime over 12 h and an iat in the future: refused by VerifiedTokens only (OIDC's bearer check would accept both)
        refused(sign(access("eve", "pertinence-marketer").issuedAt(now).expiresAt(now + Duration.ofHours(13).toSeconds())));
        refused(sign(access("eve", "pertinence-marketer").issuedAt(now + 600).expiresAt(now + 1200)));
        // the development key is not the provider's: its tokens are refused here
        refused(Tokens.of(Roles.MARKETER));
        given().header("Authorization", "Bearer " + sign(access("eve", "pertinence-marketer"))).get("/v1/offers")
                .then().statusCode(200);

        // no token: a 401 problem, not a redirect to the provider
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/offers")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() {
        Map<String, String> cookies = signIn("maria", "pertinence-marketer");
        Response out = given().cookies(cookies).redirects().follow(false).get("/console/sign-out");
        assertEquals(302, out.statusCode());
        String location = out.header("Location");
        assertTrue(location.startsWith(provider.baseUrl() + "/auth/realms/quarkus/protocol/openid-connect/end-session?"), location);
        assertEquals(HTTPS + RestAssured.port + "/console/signed-out", query(location).get("post_logout_redirect_uri"));
        var removed = out.getDetailedCookies().asList().stream().filter(c -> c.getName().startsWith("q_session")).toList();
        assertFalse(removed.isEmpty(), "the session cookie is removed");
        assertTrue(removed.stream().allMatch(c -> c.getMaxAge() == 0 || c.getValue().isEmpty()), removed.toString());
    }

    /** In Chromium: the provider's login form, the console with the role's pages and its data, signing out. */
    @Test
    void aPersonSignsInWithTheProviderInTheBrowserAndSeesWhatTheirRoleMayUse() {
        provider.stubFor(get(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/end-session"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "{{request.query.post_logout_redirect_uri}}")
                        .withTransformers("response-template")));
        try (Browser browser = new Browser(secure.toString().replaceAll("/$", ""))) {
            stubTokens(access("maria", "pertinence-marketer"));
            browser.open("/console/offers");
            signInAtTheProvider(browser);
            browser.wait(ExpectedConditions.urlToBe(browser.base() + "/console/offers"));
            browser.visible(By.id("nav"));
            assertEquals(List.of("Offers", "Experiments", "Model"), shownNavigation(browser));
            browser.wait(driver -> !driver.findElements(By.cssSelector("#offers-rows tr")).isEmpty());
            assertEquals("", browser.find(By.id("offers-status")).getText(), "the offers were read from /v1 with the provider's token");
            assertTrue(browser.find(By.id("who")).getText().contains("maria"), browser.find(By.id("who")).getText());
            assertEquals(0L, browser.script("return Object.keys(sessionStorage).filter(k => k.includes('token')).length"),
                    "the provider's token is kept in memory only");

            browser.find(By.id("sign-out")).click();
            browser.wait(ExpectedConditions.urlToBe(browser.base() + "/console/signed-out"));
            assertTrue(browser.pageText().contains("You are signed out"), browser.pageText());

            stubTokens(access("alex", "pertinence-agent"));
            browser.find(By.id("sign-in-again")).click();
            signInAtTheProvider(browser);
            browser.wait(ExpectedConditions.urlToBe(browser.base() + "/console"));
            browser.visible(By.id("nav"));
            assertEquals(List.of("Agent", "Why this offer"), shownNavigation(browser));
            browser.open("/console/offers");
            assertEquals("Your role does not give access to this page.", browser.visible(By.id("forbidden")).getText());
        }
    }

    private static void signInAtTheProvider(Browser browser) {
        browser.visible(By.id("username")).sendKeys("someone");
        browser.find(By.id("password")).sendKeys("secret");
        browser.find(By.id("login")).click();
    }

    private static List<String> shownNavigation(Browser browser) {
        return browser.all(By.cssSelector("#nav li")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    // ---------- the provider ----------

    /** The code flow as a browser goes through it: the console, the provider's login form, back with a code. */
    Map<String, String> signIn(String user, String providerRole) {
        return signIn(access(user, providerRole));
    }

    /** The provider's answer to the code exchange: this access token, an ID token for the console's client. */
    void stubTokens(JwtClaimsBuilder accessToken) {
        String idToken = OidcWiremockTestResource.getIdToken("someone", Set.of(), CLIENT);
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("authorization_code"))
                .willReturn(okJson("{\"access_token\": \"" + sign(accessToken) + "\", \"token_type\": \"Bearer\", "
                        + "\"expires_in\": 300, \"refresh_token\": \"a-refresh-token\", \"id_token\": \"" + idToken + "\"}")));
    }

    Map<String, String> signIn(JwtClaimsBuilder accessToken) {
        stubTokens(accessToken);
        Map<String, String> cookies = new HashMap<>();
        Response console = given().redirects().follow(false).get("/console/offers");
        cookies.putAll(console.getCookies());
        String form = given().redirects().follow(false).get(console.header("Location")).then().statusCode(200)
                .extract().asString();
        Response login = given().redirects().follow(false).queryParam("username", "someone").queryParam("password", "secret")
                .queryParam("state", field(form, "state")).queryParam("redirect_uri", field(form, "redirect_uri"))
                .get(provider.baseUrl() + "/login");
        assertEquals(302, login.statusCode());
        // the mock provider echoes the redirect_uri as it was sent, encoded
        String location = login.header("Location");
        int query = location.indexOf('?');
        String callback = URLDecoder.decode(location.substring(0, query), StandardCharsets.UTF_8) + location.substring(query);
        assertTrue(callback.startsWith(HTTPS + RestAssured.port + "/console?"), callback);
        // the ingress ends TLS: the service hears the callback as plain HTTP
        Response back = given().cookies(cookies).redirects().follow(false).urlEncodingEnabled(false)
                .get("http" + callback.substring("https".length()));
        assertEquals(302, back.statusCode(), back.asString());
        assertConsoleCookies(back, "q_session");
        assertTrue(back.header("Location").startsWith(HTTPS + RestAssured.port + "/"), back.header("Location"));
        back.getDetailedCookies().asList().stream().filter(c -> c.getMaxAge() != 0).forEach(c -> cookies.put(c.getName(), c.getValue()));
        assertTrue(back.header("Location").endsWith("/console/offers"), back.header("Location"));
        assertTrue(cookies.keySet().stream().anyMatch(name -> name.startsWith("q_session")), cookies.keySet().toString());
        return cookies;
    }

    static JwtClaimsBuilder access(String user, String providerRole) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).audience(Tokens.AUDIENCE).subject("id-" + user).claim("preferred_username", user)
                .claim("resource_access", Map.of(CLIENT, Map.of("roles", List.of(providerRole)))).issuedAt(now).expiresAt(now + 300);
    }

    /** Signed with the provider's key (its JWKS, kid 1). */
    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    /** The provider's issuer and key id, another key. */
    static String forged(JwtClaimsBuilder claims) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return claims.jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
    }

    static void refused(String token) {
        given().header("Authorization", "Bearer " + token).get("/v1/offers").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer");
    }

    /** The session's (or the sign-in state's) cookies: Secure in production, out of scripts' reach, sent to /console only. */
    private static void assertConsoleCookies(Response response, String prefix) {
        var cookies = response.getDetailedCookies().asList().stream().filter(c -> c.getName().startsWith(prefix)).toList();
        assertFalse(cookies.isEmpty(), response.getHeaders().getValues("Set-Cookie").toString());
        for (var cookie : cookies) {
            assertTrue(cookie.isSecured(), cookie.toString());
            assertTrue(cookie.isHttpOnly(), cookie.toString());
            assertEquals("/console", cookie.getPath(), cookie.toString());
        }
    }

    private static Path selfSigned() {
        try {
            Path store = Files.createTempDirectory("provider-sign-in").resolve("localhost.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", KEY_STORE_PASSWORD).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(matcher.find(), html);
        return matcher.group(1).replace("&#x3D;", "=").replace("&amp;", "&");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
