package io.eventplatform.e2e.registration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * The door through the gateway: a new event's tickets are signed, two devices that admitted the same ticket while
 * offline sync, one admission counts and the other is a conflict, the history shows both, and analytics counts one.
 */
class DoorFlowIT extends SuiteIT {

    private static Map<String, Object> offlineScan(String nonce, String code, String device, Instant at) {
        return Map.of("nonce", nonce, "qr_code", code, "direction", "entry", "device", device, "scanned_at", at.toString());
    }

    @Test
    void twoDevicesOfflineAdmitOneTicketOnceAndTheHistoryShowsTheConflict() {
        String organizer = registerUser(uniqueEmail("door-organizer"), "Olga", "door-flow-pass").then().statusCode(201)
                .extract().path("access_token");
        EventSetup setup = createEvent(organizer, "Door Event", "Free", null);
        publish(organizer, setup.eventId());
        String event = setup.eventId();
        String ticketType = setup.ticketTypeId();
        as(organizer).get("/api/events/" + event).then().statusCode(200).body("event.signed_tickets", equalTo(true));
        String email = uniqueEmail("door-attendee");
        String attendee = registerUser(email, "Ada", "door-flow-pass").then().statusCode(201).extract().path("access_token");
        String registration = await().atMost(Duration.ofSeconds(20)).until(() -> as(attendee).body(Map.of("event_id", event,
                "ticket_type_id", ticketType, "first_name", "Ada", "last_name", "Lovelace", "email", email)).post("/api/registrations"),
                r -> r.statusCode() == 201).path("registration._id");
        String ticket = as(attendee).get("/api/registrations/" + registration + "/ticket").then().statusCode(200)
                .body("ticket.signed", equalTo(true)).extract().path("ticket.code");

        as(organizer).get("/api/check-in-lists/" + event + "/offline").then().statusCode(200)
                .body("ticket_keys", hasSize(1)).body("attendees._id", contains(registration)).body("more", equalTo(false));
        Instant doorsOpened = Instant.now().minus(Duration.ofMinutes(30));
        String batch = "/api/check-in-lists/" + event + "/scans/batch";
        as(organizer).body(Map.of("scans", List.of(offlineScan("a-1", ticket, "phone-a", doorsOpened)))).post(batch).then()
                .statusCode(200).body("results[0].result", equalTo("admitted"));
        as(organizer).body(Map.of("scans", List.of(offlineScan("b-1", ticket, "phone-b", doorsOpened.plusSeconds(60))))).post(batch)
                .then().statusCode(200).body("results[0].result", equalTo("conflict"))
                .body("results[0].reason", equalTo("already_redeemed")).body("conflicts", equalTo(1));
        as(organizer).get("/api/check-in-lists/" + event + "/scans").then().statusCode(200)
                .body("scans.device", contains("phone-b", "phone-a")).body("scans.result", contains("conflict", "admitted"));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                as(organizer).get("/api/analytics/event/" + event).then().statusCode(200)
                        .body("check_in_lists", equalTo(Map.of(event, Map.of("admitted_count", 1, "inside_count", 1)))));
        as(organizer).get("/api/registrations/" + registration).then().body("registration.checked_in", equalTo(true));
    }
}
