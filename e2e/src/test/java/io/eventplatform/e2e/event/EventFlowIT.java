package io.eventplatform.e2e.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * An organizer builds an event through the gateway: event-service learns of the organization and the membership
 * from org-service (its replica, or directly when they are a moment old), and org-service's organization detail
 * fills from event-service's topics.
 */
class EventFlowIT extends SuiteIT {

    @Test
    void templateEventTicketTypesPublishDuplicateAndThePublicPage() {
        String organizer = registerUser(uniqueEmail("organizer"), "Olga Organizer", "event-flow-password").then().statusCode(201)
                .extract().path("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(organizer).body(Map.of("name", "Tech Conference Inc", "slug", "tech-" + suffix))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");

        String template = as(organizer).body(Map.of("name", "Standard Conference Template", "organization_id", org,
                        "template_data", Map.of("description", "Default conference description", "max_attendees", 500,
                                "ticket_types", List.of(Map.of("name", "General Admission", "price", "299.99", "capacity", 400)))))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");

        String slug = "summit-" + suffix;
        String event = as(organizer).body(Map.of("name", "Annual Tech Summit", "slug", slug, "organization_id", org,
                        "template_id", template, "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-03T18:00:00Z",
                        "timezone", "America/New_York", "venue", "Convention Center"))
                .post("/api/events").then().statusCode(201)
                .body("event.status", equalTo("DRAFT"))
                .body("event.description", equalTo("Default conference description"))
                .body("event.organization.name", equalTo("Tech Conference Inc"))
                .body("event.ticket_types[0].name", equalTo("General Admission"))
                .extract().path("event._id");

        as(organizer).body(Map.of("event_id", event, "name", "Early Bird", "price", 299.99, "capacity", 100,
                        "is_early_bird", true, "early_bird_price", 199.99, "early_bird_ends", "2099-01-01T00:00:00Z", "sort_order", 1))
                .post("/api/ticket-types").then().statusCode(201);
        given().get("/api/events/public/" + slug).then().statusCode(404);

        as(organizer).body(Map.of("status", "PUBLISHED", "is_published", true)).patch("/api/events/" + event).then().statusCode(200)
                .body("event.status", equalTo("PUBLISHED")).body("event.published_at", endsWith("Z"));
        as(organizer).post("/api/events/" + event + "/duplicate").then().statusCode(201)
                .body("event.name", equalTo("Annual Tech Summit (Copy)"))
                .body("event.slug", equalTo(slug + "-copy"))
                .body("event.status", equalTo("DRAFT"));

        given().get("/api/events/public/" + slug).then().statusCode(200)
                .body("event._id", equalTo(event))
                .body("event.ticket_types.name", containsInAnyOrder("General Admission", "Early Bird"))
                .body("event.ticket_types.find { it.name == 'Early Bird' }.current_price", equalTo(199.99f))
                .body("event.ticket_types.find { it.name == 'General Admission' }.remaining", equalTo(400));
        given().get("/api/ticket-types/event/" + event).then().statusCode(200).body("ticket_types", hasSize(2));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(organizer).get("/api/organizations/" + org).then()
                .statusCode(200)
                .body("organization._count.events", equalTo(2))
                .body("organization._count.templates", equalTo(1))
                .body("organization.events.name", hasItems("Annual Tech Summit", "Annual Tech Summit (Copy)")));
    }
}
