package io.eventplatform.event;

import static io.eventplatform.event.EventFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class EventResourceTest {

    @Inject
    MongoClient mongo;

    private long eventsOf(String organizationId) {
        return mongo.getDatabase("event").getCollection("events")
                .countDocuments(new Document("organization_id", organizationId).append("deleted_at", null));
    }

    @Test
    void createReturnsTheDocumentedShape() {
        Team team = team();
        Map<String, Object> body = event(team.organizationId());
        team.organizer().call().body(body).post("/api/events").then().statusCode(201)
                .body("event._id", matchesPattern("[0-9a-f]{24}"))
                .body("event.name", equalTo("Annual Tech Summit 2024"))
                .body("event.slug", equalTo(body.get("slug")))
                .body("event.status", equalTo("DRAFT"))
                .body("event.is_published", equalTo(false))
                .body("event.start_date", equalTo("2030-12-01T09:00:00Z"))
                .body("event.timezone", equalTo("America/New_York"))
                .body("event.organization.id", equalTo(team.organizationId()))
                .body("event.organization.name", equalTo("Tech Conference Inc"))
                .body("event.ticket_types", empty())
                .body("event._count.registrations", equalTo(0))
                .body("event.created_by_id", equalTo(team.organizer().id()))
                .body("event", not(hasKey("plan_slot")))
                .body("event", not(hasKey("outbox")))
                .body("event.signed_tickets", equalTo(true));
    }

    @Test
    void signedTicketsAreOnForNewEventsAndCanBeTurnedOff() {
        Team team = team();
        Map<String, Object> body = new HashMap<>(event(team.organizationId()));
        body.put("signed_tickets", false);
        String id = team.organizer().call().body(body).post("/api/events").then().statusCode(201)
                .body("event.signed_tickets", equalTo(false)).extract().path("event._id");
        team.organizer().call().body(Map.of("signed_tickets", true)).patch("/api/events/" + id).then().statusCode(200)
                .body("event.signed_tickets", equalTo(true));
        team.organizer().call().body(Map.of("signed_tickets", "maybe")).patch("/api/events/" + id).then().statusCode(422);
    }

    @Test
    void datesWithoutAZoneAreReadAsUtcAndNonsenseIs422() {
        Team team = team();
        Map<String, Object> body = new HashMap<>(event(team.organizationId()));
        body.put("start_date", "2030-12-01T09:00:00");
        body.put("end_date", "2030-12-01T12:00:00+02:00");
        team.organizer().call().body(body).post("/api/events").then().statusCode(201)
                .body("event.start_date", equalTo("2030-12-01T09:00:00Z"))
                .body("event.end_date", equalTo("2030-12-01T10:00:00Z"));
        body.put("slug", slug());
        body.put("start_date", "next tuesday");
        team.organizer().call().body(body).post("/api/events").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "start_date")));
    }

    @Test
    void invalidEventsAreRejectedAndNothingIsWritten() {
        Team team = team();
        Map<String, Map<String, Object>> invalid = Map.of(
                "end before start", Map.of("end_date", "2030-11-30T09:00:00Z"),
                "registration closes after the end", Map.of("registration_close_date", "2031-01-01T00:00:00Z"),
                "registration opens after it closes", Map.of("registration_open_date", "2030-11-20T00:00:00Z",
                        "registration_close_date", "2030-11-10T00:00:00Z"),
                "virtual without url", Map.of("is_virtual", true));
        invalid.forEach((why, change) -> {
            Map<String, Object> body = new HashMap<>(event(team.organizationId()));
            body.putAll(change);
            team.organizer().call().body(body).post("/api/events").then().statusCode(400).body("detail", not(emptyOrNullString()));
        });
        Map<String, Object> badZone = new HashMap<>(event(team.organizationId()));
        badZone.put("timezone", "Mars/Olympus");
        team.organizer().call().body(badZone).post("/api/events").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "timezone")));
        Map<String, Object> badOrg = new HashMap<>(event(team.organizationId()));
        badOrg.put("organization_id", "abc");
        team.organizer().call().body(badOrg).post("/api/events").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "organization_id")));
        Map<String, Object> noDates = new HashMap<>(event(team.organizationId()));
        noDates.remove("start_date");
        team.organizer().call().body(noDates).post("/api/events").then().statusCode(422);
        assertEquals(0, eventsOf(team.organizationId()));
    }

    @Test
    void aTakenSlugIs400EvenUnderConcurrentCreates() throws Exception {
        Team team = team(1000, "ENTERPRISE");
        String slug = slug();
        List<Integer> statuses = Parallel.run(8, i -> {
            Map<String, Object> body = new HashMap<>(event(team.organizationId()));
            body.put("slug", slug);
            return team.organizer().call().body(body).post("/api/events").statusCode();
        });
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        Map<String, Object> again = new HashMap<>(event(team.organizationId()));
        again.put("slug", slug);
        team.organizer().call().body(again).post("/api/events").then().statusCode(400).body("detail", equalTo("Event slug already exists"));
    }

    @Test
    void theFreePlanAllowsFiveEventsEvenUnderConcurrentCreates() throws Exception {
        Team team = team();
        List<Integer> statuses = Parallel.run(12, i -> team.organizer().call().body(event(team.organizationId()))
                .post("/api/events").statusCode());
        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, eventsOf(team.organizationId()));
        team.organizer().call().body(event(team.organizationId())).post("/api/events").then().statusCode(400)
                .body("detail", equalTo("The FREE plan allows 5 events; delete one or upgrade the plan"));
        String any = team.organizer().call().get("/api/events?organization_id=" + team.organizationId()).then()
                .extract().path("events[0]._id");
        team.organizer().call().delete("/api/events/" + any).then().statusCode(204);
        team.organizer().call().body(event(team.organizationId())).post("/api/events").then().statusCode(201);
    }

    @Test
    void listFiltersSearchesLiterallyAndPages() {
        Team team = team(50, "PRO");
        for (int i = 0; i < 3; i++) {
            createEvent(team);
        }
        Map<String, Object> special = new HashMap<>(event(team.organizationId()));
        special.put("name", "Regex (fans) meetup");
        special.put("venue", "Hall *");
        String specialId = team.organizer().call().body(special).post("/api/events").then().statusCode(201).extract().path("event._id");
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + specialId).then().statusCode(200);

        String list = "/api/events?organization_id=" + team.organizationId();
        team.staff().call().get(list).then().statusCode(200)
                .body("events", hasSize(4)).body("total", equalTo(4)).body("page", equalTo(1)).body("limit", equalTo(100))
                .body("events[0]._id", equalTo(specialId))
                .body("events[0].organization.name", equalTo("Tech Conference Inc"));
        team.staff().call().get(list + "&search=(").then().statusCode(200).body("events._id", contains(specialId));
        team.staff().call().get(list + "&search=HALL *").then().statusCode(200).body("events._id", contains(specialId));
        team.staff().call().get(list + "&search=.*").then().statusCode(200).body("events", empty());
        team.staff().call().get(list + "&status=PUBLISHED").then().body("events._id", contains(specialId));
        team.staff().call().get(list + "&status=BOGUS").then().statusCode(422);
        team.staff().call().get(list + "&page=2&limit=3").then().body("events", hasSize(1)).body("total", equalTo(4));
        team.staff().call().get("/api/events").then().statusCode(200).body("events._id", hasItem(specialId));
        team.stranger().call().get(list).then().statusCode(404).body("detail", equalTo("Organization not found"));
        team.stranger().call().get("/api/events").then().statusCode(200).body("events", empty());
        team.staff().call().get("/api/events?organization_id=nope").then().statusCode(422);
    }

    @Test
    void getChecksMembershipAndIds() {
        Team team = team();
        String id = createEvent(team);
        team.attendee().call().get("/api/events/" + id).then().statusCode(200).body("event._id", equalTo(id));
        team.stranger().call().get("/api/events/" + id).then().statusCode(404).body("detail", equalTo("Event not found"));
        team.organizer().call().get("/api/events/abc").then().statusCode(404).body("detail", equalTo("Event not found"));
        team.organizer().call().get("/api/events/0123456789abcdef01234567").then().statusCode(404);
        given().get("/api/events/" + id).then().statusCode(401);
    }

    @Test
    void publishingKeepsStatusAndFlagConsistentAndStampsPublishedAtOnce() {
        Team team = team();
        String id = createEvent(team);
        String path = "/api/events/" + id;
        String publishedAt = team.organizer().call().body(Map.of("is_published", true)).patch(path).then().statusCode(200)
                .body("event.status", equalTo("PUBLISHED")).body("event.is_published", equalTo(true))
                .body("event.published_at", endsWith("Z")).extract().path("event.published_at");
        team.organizer().call().body(Map.of("status", "ONGOING")).patch(path).then().statusCode(200)
                .body("event.status", equalTo("ONGOING")).body("event.is_published", equalTo(true))
                .body("event.published_at", equalTo(publishedAt));
        team.organizer().call().body(Map.of("status", "DRAFT")).patch(path).then().statusCode(400)
                .body("detail", equalTo("Cannot change an event's status from ONGOING to DRAFT"));
        team.organizer().call().body(Map.of("status", "COMPLETED")).patch(path).then().statusCode(200);
        team.organizer().call().body(Map.of("status", "CANCELLED")).patch(path).then().statusCode(400);

        String other = createEvent(team);
        team.organizer().call().body(Map.of("status", "PUBLISHED", "is_published", false)).patch("/api/events/" + other)
                .then().statusCode(400);
        team.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/events/" + other).then().statusCode(200)
                .body("event.is_published", equalTo(false));
        team.organizer().call().body(Map.of("end_date", "2020-01-01T00:00:00Z")).patch("/api/events/" + other).then().statusCode(400);
    }

    @Test
    void whoMayChangeEvents() {
        Team team = team();
        String id = createEvent(team);
        String path = "/api/events/" + id;
        team.staff().call().body(Map.of("name", "x")).patch(path).then().statusCode(403).body("detail", equalTo("Insufficient permissions"));
        team.staff().call().body(event(team.organizationId())).post("/api/events").then().statusCode(403);
        team.attendee().call().post(path + "/duplicate").then().statusCode(403);
        team.stranger().call().delete(path).then().statusCode(404);
        team.superAdmin().call().body(Map.of("name", "By the super admin")).patch(path).then().statusCode(200);
        team.platformAdmin().call().body(Map.of("name", "By the platform")).patch(path).then().statusCode(200);
        team.organizer().call().delete(path).then().statusCode(204);
        team.organizer().call().get(path).then().statusCode(404);
        team.organizer().call().delete(path).then().statusCode(404);
    }

    @Test
    void duplicateCopiesAsADraftWithCopySlugs() {
        Team team = team();
        String id = publishedEvent(team);
        ticketType(team, id, 99.5, 10);
        String slug = team.organizer().call().get("/api/events/" + id).then().extract().path("event.slug");
        team.organizer().call().post("/api/events/" + id + "/duplicate").then().statusCode(201)
                .body("event.name", equalTo("Annual Tech Summit 2024 (Copy)"))
                .body("event.slug", equalTo(slug + "-copy"))
                .body("event.status", equalTo("DRAFT"))
                .body("event.is_published", equalTo(false))
                .body("event.published_at", nullValue())
                .body("event.ticket_types", hasSize(1))
                .body("event.ticket_types[0].sold_count", equalTo(0))
                .body("event.ticket_types[0].price", equalTo(99.5f));
        team.organizer().call().post("/api/events/" + id + "/duplicate").then().statusCode(201)
                .body("event.slug", equalTo(slug + "-copy-1"));
    }

    @Test
    void thePublicPageShowsOnlyPublishedEventsWithPricesInEffect() {
        Team team = team();
        String id = createEvent(team);
        String slug = team.organizer().call().get("/api/events/" + id).then().extract().path("event.slug");
        given().get("/api/events/public/" + slug).then().statusCode(404);
        team.organizer().call().body(Map.of("event_id", id, "name", "Early Bird", "price", 299.99, "capacity", 100,
                "is_early_bird", true, "early_bird_price", 199.99, "early_bird_ends", "2099-01-01T00:00:00Z", "sort_order", 1))
                .post("/api/ticket-types").then().statusCode(201);
        team.organizer().call().body(Map.of("event_id", id, "name", "Hidden", "price", 10, "is_active", false))
                .post("/api/ticket-types").then().statusCode(201);
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + id).then().statusCode(200);
        given().get("/api/events/public/" + slug).then().statusCode(200)
                .body("event._id", equalTo(id))
                .body("event.ticket_types", hasSize(1))
                .body("event.ticket_types[0].name", equalTo("Early Bird"))
                .body("event.ticket_types[0].current_price", equalTo(199.99f))
                .body("event.ticket_types[0].remaining", equalTo(100));
        given().get("/api/events/public/no-such-event").then().statusCode(404);
    }

    /** Without a token: an allow-list of public fields, never the paid-for virtual link or who created the event. */
    @Test
    void thePublicPageShowsOnlyPublicFields() {
        Team team = team();
        Map<String, Object> virtual = new HashMap<>(event(team.organizationId()));
        virtual.put("is_virtual", true);
        virtual.put("virtual_url", "https://meet.example.com/paid-only-room");
        String id = team.organizer().call().body(virtual).post("/api/events").then().statusCode(201).extract().path("event._id");
        ticketType(team, id, 25, 10);
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + id).then().statusCode(200);
        team.organizer().call().get("/api/events/" + id).then().statusCode(200)
                .body("event.virtual_url", equalTo("https://meet.example.com/paid-only-room"))
                .body("event.created_by_id", equalTo(team.organizer().id()));

        String slug = (String) virtual.get("slug");
        String page = given().get("/api/events/public/" + slug).then().statusCode(200).extract().asString();
        assertFalse(page.contains("paid-only-room"), page);
        assertFalse(page.contains(team.organizer().id()), page);
        Map<String, Object> event = given().get("/api/events/public/" + slug).then().extract().path("event");
        assertEquals(Set.of("_id", "name", "slug", "description", "start_date", "end_date", "timezone", "venue", "address",
                "city", "country", "is_virtual", "cover_image", "logo", "primary_color", "max_attendees",
                "registration_open_date", "registration_close_date", "require_approval", "waitlist_enabled", "status",
                "published_at", "organization", "ticket_types"), event.keySet());
        Map<String, Object> ticketType = given().get("/api/events/public/" + slug).then().extract().path("event.ticket_types[0]");
        assertEquals(Set.of("_id", "name", "description", "price", "current_price", "is_early_bird", "early_bird_price",
                "early_bird_ends", "valid_from", "valid_until", "capacity", "remaining", "sort_order"), ticketType.keySet());
    }
}
