package io.eventplatform.e2e.org;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;

/**
 * Deleting an organization reaches every service that owns its data, through Kafka only: its events are gone from
 * event-service and their registrations are cancelled in registration-service.
 */
class OrganizationDeletionIT extends SuiteIT {

    private static String tokenOf(String email) {
        var registered = registerUser(email, "User", "deletion-flow");
        if (registered.statusCode() == 201) {
            return registered.path("access_token");
        }
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "deletion-flow"))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void anOrganizationsEventsAndRegistrationsGoWithIt() {
        String organizer = tokenOf(uniqueEmail("organizer"));
        String attendeeEmail = uniqueEmail("attendee");
        String attendee = tokenOf(attendeeEmail);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(organizer).body(Map.of("name", "Doomed", "slug", "doomed-" + suffix)).post("/api/organizations")
                .then().statusCode(201).extract().path("organization._id");
        String slug = "doomed-event-" + suffix;
        String event = as(organizer).body(Map.of("name", "Doomed", "slug", slug, "organization_id", org,
                        "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-01T18:00:00Z"))
                .post("/api/events").then().statusCode(201).extract().path("event._id");
        String ticketType = as(organizer).body(Map.of("event_id", event, "name", "GA", "price", 0))
                .post("/api/ticket-types").then().statusCode(201).extract().path("ticket_type._id");
        as(organizer).body(Map.of("status", "PUBLISHED")).patch("/api/events/" + event).then().statusCode(200);
        String registration = as(attendee).body(Map.of("event_id", event, "ticket_type_id", ticketType, "first_name", "A",
                "last_name", "B", "email", attendeeEmail)).post("/api/registrations").then().statusCode(201)
                .extract().path("registration._id");

        as(platformAdminToken()).delete("/api/organizations/" + org).then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/events/public/" + slug).then().statusCode(404);
            as(attendee).get("/api/registrations/" + registration).then().statusCode(200)
                    .body("registration.status", equalTo("CANCELLED"));
        });
        as(organizer).get("/api/events/" + event).then().statusCode(404);
    }
}
