package io.eventplatform.e2e.analytics;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * A full flow (register, confirm, pay, check in, go through a second entrance, cancel) across identity, org, event and registration-service shows
 * its exact numbers on all three analytics endpoints within a second, carried there by Kafka only.
 */
class AnalyticsFlowIT extends SuiteIT {

    private static String register(String token, String event, String ticketType, String email) {
        return as(token).body(Map.of("event_id", event, "ticket_type_id", ticketType, "first_name", "Ada", "last_name", "Lovelace",
                "email", email)).post("/api/registrations").then().statusCode(201)
                .body("registration.status", equalTo("PENDING")).extract().path("registration._id");
    }

    @Test
    void aFullFlowShowsItsExactNumbersOnAllThreeEndpointsWithinASecond() {
        String organizer = registerUser(uniqueEmail("organizer"), "Olga", "analytics-flow").then().statusCode(201).extract().path("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String org = as(organizer).body(Map.of("name", "Numbers Inc", "slug", "numbers-" + suffix)).post("/api/organizations")
                .then().statusCode(201).extract().path("organization._id");
        String slug = "numbers-event-" + suffix;
        String event = as(organizer).body(Map.of("name", "Numbers Event " + suffix, "slug", slug, "organization_id", org,
                        "start_date", "2030-12-01T09:00:00Z", "end_date", "2030-12-01T18:00:00Z"))
                .post("/api/events").then().statusCode(201).extract().path("event._id");
        String ticketType = as(organizer).body(Map.of("event_id", event, "name", "Standard", "price", 49.5, "capacity", 10))
                .post("/api/ticket-types").then().statusCode(201).extract().path("ticket_type._id");
        as(organizer).body(Map.of("status", "PUBLISHED")).patch("/api/events/" + event).then().statusCode(200);
        // A new organization's dashboard is zeros, not an error.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(organizer).get("/api/analytics/event/" + event)
                .then().statusCode(200).body("total_registrations", equalTo(0)));

        String[] attendees = new String[3];
        String[] registrations = new String[3];
        for (int i = 0; i < 3; i++) {
            String email = uniqueEmail("attendee");
            attendees[i] = registerUser(email, "Ada", "analytics-flow").then().statusCode(201).extract().path("access_token");
            registrations[i] = register(attendees[i], event, ticketType, email);
        }
        String paidOn = as(organizer).body(Map.of("status", "CONFIRMED", "payment_status", "COMPLETED"))
                .patch("/api/registrations/" + registrations[0]).then().statusCode(200).extract().path("registration.payment_date");
        String checkedInAt = as(organizer).post("/api/registrations/" + registrations[0] + "/check-in").then().statusCode(200)
                .extract().path("registration.check_in_time");
        as(attendees[1]).delete("/api/registrations/" + registrations[1]).then().statusCode(204);
        // A second entrance: in and out again there.
        String side = as(organizer).body(Map.of("event_id", event, "name", "Side door")).post("/api/check-in-lists")
                .then().statusCode(201).extract().path("check_in_list._id");
        as(organizer).body(Map.of("registration_id", registrations[0], "direction", "entry")).post("/api/check-in-lists/" + side + "/scans")
                .then().statusCode(200).body("scan.result", equalTo("admitted"));
        as(organizer).body(Map.of("registration_id", registrations[0], "direction", "exit")).post("/api/check-in-lists/" + side + "/scans")
                .then().statusCode(200).body("scan.result", equalTo("exited"));
        as(organizer).body(Map.of("registration_id", registrations[2], "direction", "entry")).post("/api/check-in-lists/" + side + "/scans")
                .then().statusCode(200).body("scan.reason", equalTo("unpaid"));
        String hour = Integer.toString(Instant.parse(checkedInAt).atZone(ZoneOffset.UTC).getHour());
        String month = paidOn.substring(0, 7);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            as(organizer).get("/api/analytics/dashboard?organization_id=" + org + "&event_id=" + event).then().statusCode(200)
                    .body("analytics.total_registrations", equalTo(2))
                    .body("analytics.confirmed_registrations", equalTo(1))
                    .body("analytics.checked_in", equalTo(1))
                    .body("analytics.attendance_rate", equalTo(50.0f))
                    .body("analytics.total_revenue", equalTo(49.5f))
                    .body("analytics.pending_revenue", equalTo(49.5f))
                    .body("analytics.registration_trend[29].count", equalTo(3))
                    .body("analytics.ticket_type_stats[0].sold", equalTo(2))
                    .body("analytics.ticket_type_stats[0].remaining", equalTo(8))
                    .body("analytics.ticket_type_stats[0].revenue", equalTo(49.5f));
            as(organizer).get("/api/analytics/dashboard?organization_id=" + org).then().statusCode(200)
                    .body("overall_stats.total_events", equalTo(1))
                    .body("overall_stats.total_attendees", equalTo(2))
                    .body("overall_stats.total_revenue", equalTo(49.5f))
                    .body("overall_stats.average_attendance_rate", equalTo(50.0f));
            as(organizer).get("/api/analytics/event/" + event).then().statusCode(200)
                    .body("total_registrations", equalTo(2))
                    .body("status_breakdown", equalTo(Map.of("CANCELLED", 1, "CONFIRMED", 1, "PENDING", 1)))
                    .body("payment_status_breakdown", equalTo(Map.of("COMPLETED", 1, "PENDING", 2)))
                    .body("source_breakdown", equalTo(Map.of("web", 3)))
                    .body("checkin_by_hour", equalTo(Map.of(hour, 1)))
                    .body("check_in_lists", equalTo(Map.of(event, Map.of("admitted_count", 1, "inside_count", 1),
                            side, Map.of("admitted_count", 1, "inside_count", 0))));
            as(organizer).get("/api/analytics/revenue/" + org).then().statusCode(200)
                    .body("total_revenue", equalTo(49.5f))
                    .body("pending_revenue", equalTo(49.5f))
                    .body("refunded_revenue", equalTo(0.0f))
                    .body("revenue_by_event", equalTo(Map.of("Numbers Event " + suffix, 49.5f)))
                    .body("revenue_by_month", equalTo(Map.of(month, 49.5f)))
                    .body("total_transactions", equalTo(3));
        });
    }
}
