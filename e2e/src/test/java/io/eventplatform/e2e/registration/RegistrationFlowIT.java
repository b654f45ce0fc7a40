package io.eventplatform.e2e.registration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * An attendee registers on a published event's ticket type, staff check them in by QR code at the door, and
 * event-service's sold counts follow registration-service's events.
 */
class RegistrationFlowIT extends SuiteIT {

    @Test
    void registerCheckInAndTheCountsMatch() {
        String organizer = registerUser(uniqueEmail("organizer"), "Olga", "registration-flow").then().statusCode(201).extract().path("access_token");
        String staffEmail = uniqueEmail("staff");
        String staff = registerUser(staffEmail, "Stan", "registration-flow").then().statusCode(201).extract().path("access_token");
        String attendeeEmail = uniqueEmail("attendee");
        String attendee = registerUser(attendeeEmail, "Ada", "registration-flow").then().statusCode(201).extract().path("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(organizer).body(Map.of("name", "Door Test", "slug", "door-" + suffix)).post("/api/organizations")
                .then().statusCode(201).extract().path("organization._id");
        as(organizer).body(Map.of("email", staffEmail, "role", "STAFF")).post("/api/organizations/" + org + "/members").then().statusCode(201);
        String slug = "door-event-" + suffix;
        String event = as(organizer).body(Map.of("name", "Door Event", "slug", slug, "organization_id", org,
                        "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-01T18:00:00Z"))
                .post("/api/events").then().statusCode(201).extract().path("event._id");
        as(organizer).body(Map.of("event_id", event, "name", "Free pass", "price", 0, "capacity", 10)).post("/api/ticket-types").then().statusCode(201);
        as(organizer).body(Map.of("status", "PUBLISHED")).patch("/api/events/" + event).then().statusCode(200);

        String ticketType = given().get("/api/events/public/" + slug).then().statusCode(200)
                .extract().path("event.ticket_types[0]._id");
        String qr = as(attendee).body(Map.of("event_id", event, "ticket_type_id", ticketType, "first_name", "Ada",
                        "last_name", "Lovelace", "email", attendeeEmail))
                .post("/api/registrations").then().statusCode(201)
                .body("registration.status", equalTo("CONFIRMED"))
                .extract().path("registration.qr_code");
        as(attendee).get("/api/registrations").then().statusCode(200).body("registrations.qr_code", contains(qr));

        as(staff).post("/api/registrations/qr-check-in?qr_code=" + qr).then().statusCode(200)
                .body("already_checked_in", equalTo(false)).body("message", equalTo("Successfully checked in"));
        as(staff).post("/api/registrations/qr-check-in?qr_code=" + qr).then().statusCode(200)
                .body("already_checked_in", equalTo(true));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().get("/api/ticket-types/" + ticketType).then().statusCode(200).body("ticket_type.sold_count", equalTo(1));
            as(organizer).get("/api/events/" + event).then().body("event._count.registrations", equalTo(1));
            given().get("/api/events/public/" + slug).then().body("event.ticket_types[0].remaining", equalTo(9));
        });
    }
}
