package io.eventplatform.e2e.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.response.ValidatableResponse;

/**
 * Two gateway replicas in front of the same services, each told it is one of two: with no shared state, requests
 * spread evenly over both get exactly the configured quota in total, then both answer 429. A caller with a token is
 * counted by its subject, in its own bucket; one without by its address, whatever it claims in X-Forwarded-For.
 */
class RateLimitAcrossGatewaysIT extends SuiteIT {

    private static final String PASSWORD = "e2e-Rate-limit-pass-4711";
    private static final int ANONYMOUS_QUOTA = 10;
    private static final int AUTHENTICATED_QUOTA = 6;

    @Test
    void twoReplicasTogetherAllowTheConfiguredQuotaThenBothRefuse() {
        String alice = registerUser(uniqueEmail("alice"), "Alice", PASSWORD).then().statusCode(201)
                .extract().path("access_token");
        String bob = registerUser(uniqueEmail("bob"), "Bob", PASSWORD).then().statusCode(201)
                .extract().path("access_token");
        List<String> gateways = suite.startGateways(Map.of(
                "gateway.rate-limits.replicas", "2",
                "gateway.rate-limits.groups.default.anonymous.limit", String.valueOf(ANONYMOUS_QUOTA),
                "gateway.rate-limits.groups.default.authenticated.limit", String.valueOf(AUTHENTICATED_QUOTA)),
                "gateway-a", "gateway-b");
        try {
            for (int i = 0; i < ANONYMOUS_QUOTA; i++) {
                // Each replica has 5; the remainder it reports is its own times the two replicas.
                given().baseUri(gateways.get(i % 2)).header("X-Forwarded-For", "198.51.100." + i)
                        .get("/api/auth/me").then().statusCode(401)
                        .body("detail", equalTo("Not authenticated"))
                        .header("RateLimit-Policy", "\"default\";q=" + ANONYMOUS_QUOTA + ";w=3600")
                        .header("RateLimit", rateLimit(ANONYMOUS_QUOTA - 2 - 2 * (i / 2)));
            }
            for (String gateway : gateways) {
                assertRefused(given().baseUri(gateway).header("X-Forwarded-For", "203.0.113.99").get("/api/auth/me").then(),
                        ANONYMOUS_QUOTA);
            }

            for (int i = 0; i < AUTHENTICATED_QUOTA; i++) {
                given().baseUri(gateways.get(i % 2)).auth().oauth2(alice).get("/api/auth/me").then().statusCode(200)
                        .header("RateLimit-Policy", "\"default\";q=" + AUTHENTICATED_QUOTA + ";w=3600")
                        .header("RateLimit", rateLimit(AUTHENTICATED_QUOTA - 2 - 2 * (i / 2)));
            }
            for (String gateway : gateways) {
                assertRefused(given().baseUri(gateway).auth().oauth2(alice).get("/api/auth/me").then(), AUTHENTICATED_QUOTA);
                given().baseUri(gateway).auth().oauth2(bob).get("/api/auth/me").then().statusCode(200)
                        .header("RateLimit", rateLimit(AUTHENTICATED_QUOTA - 2));
            }
        } finally {
            suite.stopGateway("gateway-a");
            suite.stopGateway("gateway-b");
        }
    }

    private static void assertRefused(ValidatableResponse response, int quota) {
        long retryAfter = Long.parseLong(response.statusCode(429).extract().header("Retry-After"));
        assertTrue(retryAfter > 3500 && retryAfter <= 3600, "Retry-After " + retryAfter);
        response.body("detail", equalTo("Rate limit exceeded: try again in " + retryAfter + " seconds"))
                .header("RateLimit-Policy", "\"default\";q=" + quota + ";w=3600")
                .header("RateLimit", "\"default\";r=0;t=" + retryAfter);
    }

    /** The window started with this test's first request on each replica: t is 3600 or a little less. */
    private static org.hamcrest.Matcher<String> rateLimit(int remaining) {
        return matchesPattern("\"default\";r=" + remaining + ";t=(3600|35\\d\\d)");
    }
}
