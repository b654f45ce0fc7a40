package io.eventplatform.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.eventplatform.gateway.StubUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * Rate limits through the gateway, against the stub upstream, with small limits: 3 an hour per client address, 5 an
 * hour per token subject, and the door's own. The test JVM (127.0.0.1) is a trusted proxy here, so each test names its
 * own client in X-Forwarded-For; 127.0.0.2 is an untrusted caller.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@WithTestResource(StubUpstream.class)
class RateLimitTest {

    private static final String ISSUER = "https://eventplatform.io/identity";
    private static final String AUDIENCE = "event-platform";
    private static final String TEST_KEY = "devstack/jwt/test-private.pem";

    @Inject
    Vertx vertx;

    @Test
    void anAnonymousClientGetsExactlyItsQuotaThen429WithRetryAfter() {
        String client = "203.0.113.10";
        anonymous(client).get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.POLICY, "\"default\";q=3;w=3600")
                .header(RateLimitRoutes.RATE_LIMIT, "\"default\";r=2;t=3600");
        for (int remaining : List.of(1, 0)) {
            anonymous(client).get("/api/auth/me").then().statusCode(200)
                    .header(RateLimitRoutes.POLICY, "\"default\";q=3;w=3600")
                    .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", remaining));
        }
        ValidatableResponse refused = anonymous(client).contentType(ContentType.JSON).body("{}")
                .post("/api/auth/login").then().statusCode(429)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", not(emptyOrNullString()))
                .header(RateLimitRoutes.POLICY, "\"default\";q=3;w=3600");
        long retryAfter = Long.parseLong(refused.extract().header("Retry-After"));
        assertInWindow(retryAfter);
        refused.header(RateLimitRoutes.RATE_LIMIT, "\"default\";r=0;t=" + retryAfter)
                .body("detail", equalTo("Rate limit exceeded: try again in " + retryAfter + " seconds"));
        anonymous("203.0.113.11").get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 2));
    }

    @Test
    void eachTokenSubjectHasItsOwnBucketApartFromItsAddress() {
        String client = "203.0.113.20";
        for (int i = 0; i < 3; i++) {
            anonymous(client).get("/api/auth/me").then().statusCode(200);
        }
        anonymous(client).get("/api/auth/me").then().statusCode(429);

        String alice = token("alice-" + System.nanoTime());
        for (int remaining = 4; remaining >= 0; remaining--) {
            anonymous(client).auth().oauth2(alice).get("/api/auth/me").then().statusCode(200)
                    .header(RateLimitRoutes.POLICY, "\"default\";q=5;w=3600")
                    .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", remaining))
                    .body("headers.authorization", equalTo("Bearer " + alice));
        }
        anonymous(client).auth().oauth2(alice).get("/api/auth/me").then().statusCode(429)
                .header("Retry-After", not(emptyOrNullString()));
        anonymous(client).auth().oauth2(token("bob-" + System.nanoTime())).get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 4));
        anonymous("198.51.100.200").auth().oauth2(alice).get("/api/auth/me").then().statusCode(429)
                .body("detail", startsWith("Rate limit exceeded"));
    }

    /** The gateway never refuses a token itself: the service behind gets it untouched and answers as it always did. */
    @Test
    void aTokenThatDoesNotVerifyCountsAsAnonymousAndIsStillProxied() throws Exception {
        String client = "203.0.113.30";
        String subject = "mallory-" + System.nanoTime();
        String forged = claims(subject).expiresIn(3600).jws().sign(otherKey());
        String expired = claims(subject).issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .jws().sign(TEST_KEY);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + subject + "\",\"iss\":\"" + ISSUER
                        + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".";
        int remaining = 2;
        for (String token : List.of(forged, expired, unsigned)) {
            anonymous(client).auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                    .header(RateLimitRoutes.POLICY, "\"default\";q=3;w=3600")
                    .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", remaining--))
                    .body("headers.authorization", equalTo("Bearer " + token));
        }
        anonymous(client).header("Authorization", "Bearer not-a-token").get("/api/auth/me").then().statusCode(429);
        given().auth().oauth2(token(subject)).get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 4));
    }

    @Test
    void forwardedForIsBelievedFromATrustedProxyOnlyAndTheServiceGetsTheClient() throws Exception {
        anonymous("198.51.100.7, 10.1.2.3").header("Forwarded", "for=6.6.6.6").get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 2))
                .body("headers.x-forwarded-for", equalTo("198.51.100.7"))
                .body("headers", not(hasKey("forwarded")));
        anonymous("198.51.100.7").get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 1));

        // From 127.0.0.2, not trusted: whatever it forwards, it is the client.
        for (int remaining = 2; remaining >= 0; remaining--) {
            Answer answer = fromUntrustedPeer("/api/auth/me", "198.51.100." + (50 + remaining));
            assertEquals(200, answer.status());
            assertThat(answer.rateLimit(), rateLimit("default", remaining));
            assertEquals("127.0.0.2", answer.body().getJsonObject("headers").getString("x-forwarded-for"));
        }
        Answer refused = fromUntrustedPeer("/api/auth/me", "198.51.100.99");
        assertEquals(429, refused.status());
    }

    @Test
    void theDoorHasItsOwnQuotaAndErrorsCarryTheHeadersToo() {
        String staff = token("door-staff-" + System.nanoTime());
        for (String path : List.of("/api/registrations/qr-check-in?qr_code=ABC", "/api/registrations/66aa/check-in")) {
            given().auth().oauth2(staff).post(path).then().statusCode(503)
                    .body("detail", equalTo("registration-service is unavailable"))
                    .header(RateLimitRoutes.POLICY, "\"door\";q=120;w=60");
        }
        given().auth().oauth2(staff).post("/api/registrations/66aa/check-in").then()
                .header(RateLimitRoutes.RATE_LIMIT, matchesPattern("\"door\";r=117;t=(60|59)"));
        given().auth().oauth2(staff).get("/api/auth/me").then().statusCode(200)
                .header(RateLimitRoutes.RATE_LIMIT, rateLimit("default", 4));
    }

    @Test
    void theGatewaysOwnPathsAreNotLimited() {
        String client = "203.0.113.40";
        for (int i = 0; i < 4; i++) {
            anonymous(client).get("/api/auth/me");
        }
        anonymous(client).get("/api/auth/me").then().statusCode(429);
        for (String path : List.of("/", "/health", "/openapi.json", "/docs/", "/q/health/ready", "/q/metrics", "/api/unknown")) {
            anonymous(client).get(path).then().statusCode(anyOf(is(200), is(404)))
                    .header(RateLimitRoutes.POLICY, nullValue())
                    .header(RateLimitRoutes.RATE_LIMIT, nullValue());
        }
    }

    @Test
    void aBrowserMayReadTheHeaders() {
        anonymous("203.0.113.50").header("Origin", "https://app.example.com").get("/api/auth/me").then().statusCode(200)
                .header("Access-Control-Expose-Headers", allOf(containsString("RateLimit-Policy"),
                        containsString("RateLimit"), containsString("Retry-After")));
    }

    /** A request from the test JVM, a trusted proxy, forwarding for the given client. */
    private static io.restassured.specification.RequestSpecification anonymous(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor);
    }

    /** The RateLimit field; its t is the seconds left of a window that started with this test, so 3600 or just under. */
    private static org.hamcrest.Matcher<String> rateLimit(String group, int remaining) {
        return matchesPattern("\"" + group + "\";r=" + remaining + ";t=(3600|359\\d)");
    }

    private static void assertInWindow(long seconds) {
        org.junit.jupiter.api.Assertions.assertTrue(seconds > 3590 && seconds <= 3600, "seconds left: " + seconds);
    }

    private static String token(String subject) {
        return claims(subject).expiresIn(3600).jws().sign(TEST_KEY);
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("email", subject + "@example.com");
    }

    private static java.security.PrivateKey otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private Answer fromUntrustedPeer(String uri, String forwardedFor) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0.2"));
        try {
            return client.request(HttpMethod.GET, RestAssured.port, "127.0.0.1", uri)
                    .compose(request -> request.putHeader("X-Forwarded-For", forwardedFor).send())
                    .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                            response.getHeader(RateLimitRoutes.RATE_LIMIT), body.toJsonObject())))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private record Answer(int status, String rateLimit, JsonObject body) {
    }

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.rate-limits.enabled", "true",
                    "gateway.trusted-proxies", "127.0.0.1,10.0.0.0/8",
                    "gateway.rate-limits.groups.default.anonymous.limit", "3",
                    "gateway.rate-limits.groups.default.authenticated.limit", "5",
                    "gateway.rate-limits.groups.door.authenticated.limit", "120");
        }
    }
}
