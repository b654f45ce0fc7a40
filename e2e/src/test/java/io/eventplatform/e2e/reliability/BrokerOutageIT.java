package io.eventplatform.e2e.reliability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * Kafka goes away: every service stays ready and keeps answering writes (their events wait in the outboxes), the
 * gateway's /health says the suite is degraded because of kafka, and once the broker is back everything written
 * meanwhile arrives downstream exactly once, as if nothing had happened.
 */
class BrokerOutageIT extends SuiteIT {

    private static final int REGISTRATIONS = 12;
    private static final double PRICE = 25;
    private static final String[] SERVICES = {"identity-service", "org-service", "event-service", "registration-service",
            "analytics-service"};

    @Test
    void writesDuringABrokerOutageSucceedAndAreDeliveredOnceItIsBack() {
        suite.stopBroker();
        boolean brokerStopped = true;
        try {
            // The suite's gateway also routes to a service that never runs (absent-service).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/health").then().statusCode(200)
                    .body("status", equalTo("degraded"))
                    .body("dependencies.kafka", equalTo("down"))
                    .body("unavailable", containsInAnyOrder("absent-service", "kafka")));

            String organizer = registerUser(uniqueEmail("organizer"), "Olga", "broker-outage").then().statusCode(201)
                    .extract().path("access_token");
            String attendee = registerUser(uniqueEmail("attendee"), "Ada", "broker-outage").then().statusCode(201)
                    .extract().path("access_token");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String org = as(organizer).body(Map.of("name", "Outage Org", "slug", "outage-" + suffix))
                    .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
            String event = as(organizer).body(Map.of("name", "Outage Event", "slug", "outage-event-" + suffix,
                            "organization_id", org, "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-01T18:00:00Z"))
                    .post("/api/events").then().statusCode(201).extract().path("event._id");
            String ticketType = as(organizer).body(Map.of("event_id", event, "name", "GA", "price", PRICE, "capacity", 100))
                    .post("/api/ticket-types").then().statusCode(201).extract().path("ticket_type._id");
            as(organizer).body(Map.of("status", "PUBLISHED")).patch("/api/events/" + event).then().statusCode(200);
            for (int i = 0; i < REGISTRATIONS; i++) {
                as(attendee).body(Map.of("event_id", event, "ticket_type_id", ticketType, "first_name", "Ada",
                                "last_name", "Lovelace", "email", "outage-" + i + "-" + suffix + "@example.com"))
                        .post("/api/registrations").then().statusCode(201).body("registration.status", equalTo("PENDING"));
            }
            as(organizer).get("/api/organizations/" + org).then().statusCode(200);
            as(organizer).get("/api/registrations?event_id=" + event).then().statusCode(200).body("total", equalTo(REGISTRATIONS));
            var health = given().get("/health").then().statusCode(200)
                    .body("status", equalTo("degraded"))
                    .body("unavailable", containsInAnyOrder("absent-service", "kafka"));
            for (String service : SERVICES) {
                health.body("services." + service, equalTo("up"));
            }

            suite.startBroker();
            brokerStopped = false;

            String dashboard = "/api/analytics/dashboard?organization_id=" + org + "&event_id=" + event;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                given().get("/api/ticket-types/" + ticketType).then().statusCode(200)
                        .body("ticket_type.sold_count", equalTo(REGISTRATIONS));
                as(organizer).get("/api/events/" + event).then().statusCode(200)
                        .body("event._count.registrations", equalTo(REGISTRATIONS));
                as(organizer).get(dashboard).then().statusCode(200)
                        .body("analytics.total_registrations", equalTo(REGISTRATIONS))
                        .body("analytics.pending_revenue", equalTo((float) (PRICE * REGISTRATIONS)));
                as(organizer).get("/api/organizations/" + org).then().statusCode(200)
                        .body("organization._count.events", equalTo(1));
                given().get("/health").then().statusCode(200)
                        .body("dependencies.kafka", equalTo("up"))
                        .body("unavailable", contains("absent-service"));
            });
            // Exactly once: the republished outboxes and the replayed records count nothing twice.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                given().get("/api/ticket-types/" + ticketType).then().body("ticket_type.sold_count", equalTo(REGISTRATIONS));
                as(organizer).get(dashboard).then().body("analytics.total_registrations", equalTo(REGISTRATIONS));
            });
        } finally {
            if (brokerStopped) {
                suite.startBroker();
            }
        }
    }
}
