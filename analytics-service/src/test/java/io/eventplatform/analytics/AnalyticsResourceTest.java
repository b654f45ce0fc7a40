package io.eventplatform.analytics;

import static io.eventplatform.analytics.AnalyticsFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import io.eventplatform.analytics.rest.AnalyticsViews.DashboardView;
import io.eventplatform.analytics.rest.AnalyticsViews.EventAnalytics;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.ListCounts;
import io.eventplatform.analytics.rest.AnalyticsViews.EventRevenue;
import io.eventplatform.analytics.rest.AnalyticsViews.OverallStats;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.analytics.rest.AnalyticsViews.TicketTypeStat;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.AuthorizationMatrix;
import io.eventplatform.common.testing.AuthorizationMatrix.Identity;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The endpoints' exact numbers, who may call them, and the answers to bad input. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AnalyticsResourceTest {

    private static Topics topics;

    @Inject
    KafkaClients kafka;

    @BeforeEach
    void producer() {
        topics = topics(kafka);
    }

    private record Published(Organization organization, EventSnapshot event, TicketTypeSnapshot paid, TicketTypeSnapshot free) {
    }

    private static Published publishedEvent(String timezone) {
        Organization organization = Organization.create();
        EventSnapshot event = event(newId(), organization.id(), "Launch", timezone, Instant.parse("2030-05-01T09:00:00Z"), null);
        TicketTypeSnapshot paid = ticketType(newId(), event.id(), organization.id(), "Standard", 100, 10, 0);
        TicketTypeSnapshot free = ticketType(newId(), event.id(), organization.id(), "Community", 0, null, 1);
        topics.event(event, 1);
        topics.ticketType(paid, 1);
        topics.ticketType(free, 1);
        topics.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> organization.organizer().call()
                .get("/api/analytics/event/" + event.id()).then().statusCode(200));
        return new Published(organization, event, paid, free);
    }

    @Test
    void everyEndpointShowsTheExactNumbersOfAFlow() {
        Published p = publishedEvent("Asia/Kolkata");
        String org = p.organization().id();
        Instant now = Clocks.now();
        Instant paidOn = Instant.parse("2026-11-20T10:00:00Z");
        // 04:00Z is 09:30 in Kolkata; 18:45Z is 00:15 the next day there.
        topics.registration(registration("r1-" + newId(), p.event().id(), p.paid().id(), org, "CONFIRMED", "COMPLETED", 100, "web",
                now, true, Instant.parse("2026-11-24T04:00:00Z"), paidOn), 3);
        topics.registration(registration("r2-" + newId(), p.event().id(), p.paid().id(), org, "PENDING", "PENDING", 100, "mobile",
                now, false, null, null), 1);
        topics.registration(registration("r3-" + newId(), p.event().id(), p.paid().id(), org, "CANCELLED", "PENDING", 100, "web",
                now, false, null, null), 2);
        topics.registration(registration("r4-" + newId(), p.event().id(), p.free().id(), org, "CONFIRMED", "COMPLETED", 0, "api",
                now, true, Instant.parse("2026-11-24T18:45:00Z"), paidOn), 2);
        topics.registration(registration("r5-" + newId(), p.event().id(), p.paid().id(), org, "CANCELLED", "REFUNDED", 100, "web",
                now, false, null, paidOn), 4);
        topics.flush();
        Caller staff = p.organization().staff();
        Caller organizer = p.organization().organizer();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            EventAnalytics analytics = read(organizer, "/api/analytics/dashboard?organization_id=" + org + "&event_id=" + p.event().id(),
                    DashboardView.class).analytics();
            assertEquals(3, analytics.totalRegistrations());
            assertEquals(2, analytics.confirmedRegistrations());
            assertEquals(2, analytics.checkedIn());
            assertEquals(66.67, analytics.attendanceRate());
            assertEquals(100.0, analytics.totalRevenue());
            assertEquals(100.0, analytics.pendingRevenue());
            assertEquals("Asia/Kolkata", analytics.timezone());
            assertEquals(List.of(new TicketTypeStat(p.paid().id(), "Standard", 2, 10, 100.0, 8L),
                    new TicketTypeStat(p.free().id(), "Community", 1, null, 0.0, null)), analytics.ticketTypeStats());
            assertEquals(30, analytics.registrationTrend().size());
            assertEquals(LocalDate.now(ZoneId.of("Asia/Kolkata")).toString(), analytics.registrationTrend().get(29).date());
            assertEquals(5, analytics.registrationTrend().get(29).count());
        });
        assertEquals(new EventDetail(p.event().id(), "Launch", 3, Map.of("CANCELLED", 2L, "CONFIRMED", 2L, "PENDING", 1L),
                Map.of("COMPLETED", 2L, "PENDING", 2L, "REFUNDED", 1L), Map.of("api", 1L, "mobile", 1L, "web", 3L),
                Map.of("0", 1L, "9", 1L), "Asia/Kolkata", Map.of(p.event().id(), new ListCounts(2, 2))), read(staff, "/api/analytics/event/" + p.event().id(), EventDetail.class));
        assertEquals(new OverallStats(1, 3, 100.0, 100.0, 66.67),
                read(organizer, "/api/analytics/dashboard?organization_id=" + org, DashboardView.class).overallStats());
        assertEquals(new Revenue(100.0, 100.0, 100.0, Map.of("Launch", 100.0),
                Map.of(p.event().id(), new EventRevenue("Launch", 100.0)), Map.of("2026-11", 100.0), 5),
                read(p.organization().organizer(), "/api/analytics/revenue/" + org, Revenue.class));
        // The revenue of events starting in a window: this one starts on 2030-05-01.
        assertEquals(0, read(p.organization().organizer(), "/api/analytics/revenue/" + org
                + "?start_date=2030-05-02&end_date=2030-12-31T23:59:59Z", Revenue.class).totalTransactions());
        assertEquals(5, read(p.organization().organizer(), "/api/analytics/revenue/" + org
                + "?start_date=2030-05-01T00:00:00&end_date=2030-05-01", Revenue.class).totalTransactions());
    }

    @Test
    void anOrganizationWithoutEventsHasZerosNotA404() {
        Organization organization = Organization.create();
        DashboardView view = read(organization.organizer(), "/api/analytics/dashboard?organization_id=" + organization.id(),
                DashboardView.class);
        assertNull(view.analytics());
        assertEquals(new OverallStats(0, 0, 0.0, 0.0, 0.0), view.overallStats());
        assertEquals(new Revenue(0.0, 0.0, 0.0, Map.of(), Map.of(), Map.of(), 0),
                read(organization.organizer(), "/api/analytics/revenue/" + organization.id(), Revenue.class));
    }

    @Test
    void badInputIsAClear4xx() {
        Published p = publishedEvent(null);
        Caller organizer = p.organization().organizer();
        String org = p.organization().id();
        organizer.call().get("/api/analytics/dashboard").then().statusCode(422);
        organizer.call().get("/api/analytics/dashboard?organization_id=abc").then().statusCode(422);
        organizer.call().get("/api/analytics/dashboard?organization_id=" + org + "&event_id=abc").then().statusCode(422);
        organizer.call().get("/api/analytics/dashboard?organization_id=" + org + "&event_id=" + newId()).then().statusCode(404)
                .body("detail", equalTo("Event not found"));
        organizer.call().get("/api/analytics/event/abc").then().statusCode(404).body("detail", equalTo("Event not found"));
        organizer.call().get("/api/analytics/event/" + newId()).then().statusCode(404);
        organizer.call().get("/api/analytics/revenue/abc").then().statusCode(404);
        organizer.call().get("/api/analytics/revenue/" + org + "?start_date=yesterday").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("start_date"));
        organizer.call().get("/api/analytics/revenue/" + org + "?end_date=2024-13-01").then().statusCode(422);
        organizer.call().get("/api/analytics/revenue/" + org + "?start_date=2024-02-01&end_date=2024-01-01").then().statusCode(422);
    }

    @Test
    void anotherOrganizationsEventIsNotShown() {
        Published mine = publishedEvent(null);
        Published theirs = publishedEvent(null);
        Caller organizer = mine.organization().organizer();
        organizer.call().get("/api/analytics/dashboard?organization_id=" + mine.organization().id() + "&event_id="
                + theirs.event().id()).then().statusCode(404);
        // Another tenant's ids answer exactly as ids that do not exist.
        String unknown = newId();
        for (String[] foreignAndUnknown : List.of(
                new String[] {"/api/analytics/dashboard?organization_id=" + theirs.organization().id(),
                        "/api/analytics/dashboard?organization_id=" + unknown, "Organization not found"},
                new String[] {"/api/analytics/dashboard?organization_id=" + theirs.organization().id() + "&event_id="
                        + theirs.event().id(), "/api/analytics/dashboard?organization_id=" + unknown + "&event_id=" + unknown,
                        "Organization not found"},
                new String[] {"/api/analytics/event/" + theirs.event().id(), "/api/analytics/event/" + unknown, "Event not found"},
                new String[] {"/api/analytics/revenue/" + theirs.organization().id(), "/api/analytics/revenue/" + unknown,
                        "Organization not found"})) {
            String expected = "404 {\"detail\":\"" + foreignAndUnknown[2] + "\"}";
            var foreign = organizer.call().get(foreignAndUnknown[0]);
            var missing = organizer.call().get(foreignAndUnknown[1]);
            assertEquals(expected, foreign.statusCode() + " " + foreign.asString(), foreignAndUnknown[0]);
            assertEquals(expected, missing.statusCode() + " " + missing.asString(), foreignAndUnknown[1]);
        }
    }

    /** STAFF has VIEW_ANALYTICS but not VIEW_REVENUE: the dashboard leaves every amount out for them. */
    @Test
    void revenueIsShownOnlyWithViewRevenue() {
        Published p = publishedEvent(null);
        String org = p.organization().id();
        topics.registration(registration("paid-" + newId(), p.event().id(), p.paid().id(), org, "CONFIRMED", "COMPLETED", 100,
                "web", Clocks.now(), false, null, Clocks.now()), 1);
        topics.flush();
        String eventDashboard = "/api/analytics/dashboard?organization_id=" + org + "&event_id=" + p.event().id();
        String overall = "/api/analytics/dashboard?organization_id=" + org;
        Caller organizer = p.organization().organizer();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> organizer.call().get(eventDashboard).then().statusCode(200)
                .body("analytics.total_registrations", equalTo(1))
                .body("analytics.total_revenue", equalTo(100.0f))
                .body("analytics.pending_revenue", equalTo(0.0f))
                .body("analytics.ticket_type_stats[0].revenue", equalTo(100.0f)));
        organizer.call().get(overall).then().statusCode(200)
                .body("overall_stats.total_revenue", equalTo(100.0f))
                .body("overall_stats.pending_revenue", equalTo(0.0f));

        Caller staff = p.organization().staff();
        staff.call().get(eventDashboard).then().statusCode(200)
                .body("analytics.total_registrations", equalTo(1))
                .body("analytics", not(hasKey("total_revenue")))
                .body("analytics", not(hasKey("pending_revenue")))
                .body("analytics.ticket_type_stats[0].sold", equalTo(1))
                .body("analytics.ticket_type_stats[0]", not(hasKey("revenue")));
        staff.call().get(overall).then().statusCode(200)
                .body("overall_stats.total_attendees", equalTo(1))
                .body("overall_stats", not(hasKey("total_revenue")))
                .body("overall_stats", not(hasKey("pending_revenue")));
    }

    @Test
    void everyEndpointAcrossRoles() {
        Published p = publishedEvent(null);
        Identity platformAdmin = identity(caller(PLATFORM_ADMIN));
        Identity nonMember = identity(caller());
        String org = p.organization().id();
        var analytics = AuthorizationMatrix.expect(200, 200, 200, 403, 404, 200, 401);
        AuthorizationMatrix.check("dashboard", analytics, () -> p, (f, caller) -> identity(f, caller, platformAdmin, nonMember),
                (f, spec) -> spec.get("/api/analytics/dashboard?organization_id=" + org).statusCode());
        AuthorizationMatrix.check("event dashboard", analytics, () -> p, (f, caller) -> identity(f, caller, platformAdmin, nonMember),
                (f, spec) -> spec.get("/api/analytics/dashboard?organization_id=" + org + "&event_id=" + p.event().id()).statusCode());
        AuthorizationMatrix.check("event", analytics, () -> p, (f, caller) -> identity(f, caller, platformAdmin, nonMember),
                (f, spec) -> spec.get("/api/analytics/event/" + p.event().id()).statusCode());
        AuthorizationMatrix.check("revenue", AuthorizationMatrix.expect(200, 200, 403, 403, 404, 200, 401), () -> p,
                (f, caller) -> identity(f, caller, platformAdmin, nonMember),
                (f, spec) -> spec.get("/api/analytics/revenue/" + org).statusCode());
        AuthorizationMatrix.check("rebuild", AuthorizationMatrix.expect(403, 403, 403, 403, 403, 202, 401), () -> p,
                (f, caller) -> identity(f, caller, platformAdmin, nonMember),
                (f, spec) -> spec.post("/api/analytics/rebuild").statusCode());
    }

    private static Identity identity(Caller caller) {
        return new Identity(caller.id(), caller.email(), caller.token());
    }

    private static Identity identity(Published p, AuthorizationMatrix.Caller caller, Identity platformAdmin, Identity nonMember) {
        return switch (caller) {
            case SUPER_ADMIN -> identity(p.organization().superAdmin());
            case STAFF -> identity(p.organization().staff());
            case ATTENDEE -> identity(p.organization().attendee());
            case NON_MEMBER -> nonMember;
            case PLATFORM_ADMIN -> platformAdmin;
            default -> identity(p.organization().organizer());
        };
    }

    @Test
    void consumerLagAndTheAgeOfTheLastAppliedEventAreMetrics() {
        publishedEvent(null);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("consumer_lag"))
                .body(containsString("consumer_last_event_age_seconds"))
                .body(containsString("consumer_apply_delay_seconds{quantile=\"0.99\""));
    }
}
