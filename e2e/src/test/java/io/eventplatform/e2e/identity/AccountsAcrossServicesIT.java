package io.eventplatform.e2e.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.Suite;
import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;

/**
 * Accounts through the gateway, as the people would use them: revocation reaches every service within 2 s, and the
 * configured administrator address gives nothing to a stranger who registered it.
 */
class AccountsAcrossServicesIT extends SuiteIT {

    private static final String PASSWORD = "accounts-e2e-pass-1";
    private static final String NEW_PASSWORD = "accounts-e2e-pass-2";

    /** One call per service that the caller may make with a valid token, by service. */
    private static Map<String, String> callsToEveryService(String token) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(token).body(Map.of("name", "Revocation Org", "slug", "revocation-" + suffix))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
        String event = as(token).body(Map.of("name", "Revocation Event", "slug", "revocation-" + suffix,
                        "organization_id", org, "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-02T18:00:00Z"))
                .post("/api/events").then().statusCode(201).extract().path("event._id");
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("identity-service", "/api/auth/me");
        calls.put("org-service", "/api/organizations/" + org);
        calls.put("event-service", "/api/templates?organization_id=" + org);
        calls.put("registration-service", "/api/registrations?event_id=" + event);
        calls.put("analytics-service", "/api/analytics/event/" + event);
        return calls;
    }

    @Test
    void aPasswordChangeRevokesEarlierTokensAtEveryServiceWithinTwoSeconds() {
        String email = uniqueEmail("revoked");
        String old = registerUser(email, "Rita Revoked", PASSWORD).then().statusCode(201).extract().path("access_token");
        Map<String, String> calls = callsToEveryService(old);
        calls.forEach((service, path) -> eventually(service).untilAsserted(() -> as(old).get(path).then().statusCode(200)));

        String fresh = as(old).body(Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD))
                .post("/api/auth/password").then().statusCode(200).extract().path("access_token");
        long changedAt = System.nanoTime();
        calls.forEach((service, path) -> await().atMost(Duration.ofMillis(Math.max(1,
                        2000 - (System.nanoTime() - changedAt) / 1_000_000))).pollInterval(Duration.ofMillis(50))
                .alias(service + " still accepts the revoked token")
                .until(() -> as(old).get(path).statusCode() == 401));
        calls.forEach((service, path) -> as(old).get(path).then().statusCode(401)
                .body("detail", equalTo("Could not validate credentials")));
        calls.forEach((service, path) -> as(fresh).get(path).then().statusCode(200));
    }

    @Test
    void loggingOutEverywhereRevokesAtEveryService() {
        String email = uniqueEmail("logout");
        String token = registerUser(email, "Lou Logout", PASSWORD).then().statusCode(201).extract().path("access_token");
        Map<String, String> calls = callsToEveryService(token);
        as(token).post("/api/auth/logout-all").then().statusCode(204);
        calls.forEach((service, path) -> await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .alias(service).until(() -> as(token).get(path).statusCode() == 401));
    }

    @Test
    void aPasswordResetByEmailRevokesEarlierTokensAndVerifiesTheAddress() {
        String email = uniqueEmail("reset");
        String old = registerUser(email, "Rosa Reset", PASSWORD).then().statusCode(201).extract().path("access_token");
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/auth/password-reset")
                .then().statusCode(202);
        String secret = await().atMost(Duration.ofSeconds(20)).until(
                () -> suite.mailbox().latest(email, "Reset your password").flatMap(m -> m.token()),
                java.util.Optional::isPresent).orElseThrow();
        String fresh = given().contentType(ContentType.JSON).body(Map.of("token", secret, "new_password", NEW_PASSWORD))
                .post("/api/auth/password-reset/confirm").then().statusCode(200)
                .body("user.email_verified", equalTo(true)).extract().path("access_token");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> as(old).get("/api/auth/me").statusCode() == 401);
        as(fresh).get("/api/auth/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", NEW_PASSWORD))
                .post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void aStrangerWhoRegisteredTheAdministratorsAddressGetsNoAdministratorPower() {
        String stranger = registerUser(Suite.UNCLAIMED_ADMIN_EMAIL, "Mallory", PASSWORD).then().statusCode(201)
                .body("user.email_verified", equalTo(false)).extract().path("access_token");
        String owner = registerUser(uniqueEmail("owner"), "Olive Owner", PASSWORD).then().statusCode(201)
                .extract().path("access_token");
        String org = as(owner).body(Map.of("name", "Private Org", "slug", "private-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");

        as(stranger).get("/api/organizations/" + org).then().statusCode(404);
        as(stranger).delete("/api/organizations/" + org).then().statusCode(404);
        as(stranger).post("/api/analytics/rebuild").then().statusCode(403);
        as(owner).get("/api/organizations/" + org).then().statusCode(200);

        // A configured administrator who verified the address has the power.
        as(platformAdminToken()).get("/api/organizations/" + org).then().statusCode(200);
    }

    private static org.awaitility.core.ConditionFactory eventually(String service) {
        return await(service).atMost(Duration.ofSeconds(20));
    }
}
