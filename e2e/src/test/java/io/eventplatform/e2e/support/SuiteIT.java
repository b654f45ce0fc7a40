package io.eventplatform.e2e.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;

import io.eventplatform.devstack.Mailbox;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Base of every system test: the running suite, reached only through the gateway. Each service issue adds its
 * flows as {@code io.eventplatform.e2e.<service>.*IT} classes extending this, using the helpers below.
 */
public abstract class SuiteIT {

    private static final String PLATFORM_ADMIN_PASSWORD = "platform-admin-password";

    protected static Suite suite;

    @BeforeAll
    static void startSuite() {
        suite = Suite.get();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = suite.gatewayPort();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A JSON request with the caller's bearer token. */
    protected static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** What an organizer sets up before selling: an organization, an event in it, and one free ticket type. */
    protected record EventSetup(String organizationId, String eventId, String ticketTypeId) {
    }

    /**
     * Creates {@code organizer}'s organization, a draft event called {@code name} in it on 1 December 2030 and a free
     * ticket type ({@code capacity} seats, or unlimited when null); {@link #publish} opens it.
     */
    protected static EventSetup createEvent(String organizer, String name, String ticketTypeName, Integer capacity) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(organizer).body(Map.of("name", name, "slug", "org-" + suffix)).post("/api/organizations")
                .then().statusCode(201).extract().path("organization._id");
        String event = as(organizer).body(Map.of("name", name, "slug", "event-" + suffix, "organization_id", org,
                        "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-01T18:00:00Z"))
                .post("/api/events").then().statusCode(201).extract().path("event._id");
        Map<String, Object> ticketType = new HashMap<>(Map.of("event_id", event, "name", ticketTypeName, "price", 0));
        if (capacity != null) {
            ticketType.put("capacity", capacity);
        }
        String ticketTypeId = as(organizer).body(ticketType).post("/api/ticket-types").then().statusCode(201)
                .extract().path("ticket_type._id");
        return new EventSetup(org, event, ticketTypeId);
    }

    protected static void publish(String organizer, String eventId) {
        as(organizer).body(Map.of("status", "PUBLISHED")).patch("/api/events/" + eventId).then().statusCode(200);
    }

    /** Registers a new user through the gateway and returns the response ({@code user}, {@code access_token}). */
    protected static Response registerUser(String email, String name, String password) {
        return RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", name, "password", password))
                .post("/api/auth/register");
    }

    /**
     * A token of the suite's platform administrator, whichever test made the account first: administrator powers
     * need a verified email, so the account verifies the code from the suite's mailbox once.
     */
    protected static String platformAdminToken() {
        registerUser(Suite.PLATFORM_ADMIN_EMAIL, "Platform Admin", PLATFORM_ADMIN_PASSWORD);
        Response login = adminLogin();
        if (!Boolean.TRUE.equals(login.path("user.email_verified"))) {
            java.util.Optional<String> secret = await().atMost(Duration.ofSeconds(20)).until(
                    () -> Suite.get().mailbox().latest(Suite.PLATFORM_ADMIN_EMAIL, "Confirm").flatMap(Mailbox.Message::token),
                    java.util.Optional::isPresent);
            RestAssured.given().auth().oauth2((String) login.path("access_token")).contentType(ContentType.JSON)
                    .body(Map.of("token", secret.orElseThrow())).post("/api/auth/verify-email")
                    .then().statusCode(200);
            login = adminLogin();
        }
        return login.path("access_token");
    }

    private static Response adminLogin() {
        return RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", Suite.PLATFORM_ADMIN_EMAIL, "password", PLATFORM_ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().response();
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }
}
