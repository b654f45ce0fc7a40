package io.eventplatform.event;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.testing.Memberships;
import io.eventplatform.common.testing.Tokens;
import io.eventplatform.common.time.Clocks;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Organizations with a member of each role, and events, for event-service tests. */
final class EventFixtures {

    static final String PLATFORM_ADMIN_EMAIL = "platform-admin@example.com";

    private EventFixtures() {
    }

    record Caller(String id, String email, String token) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    record Team(String organizationId, Caller superAdmin, Caller organizer, Caller staff, Caller attendee,
            Caller stranger, Caller platformAdmin) {
    }

    static Caller caller(String email) {
        String id = new ObjectId().toHexString();
        return new Caller(id, email, Tokens.valid(id, email));
    }

    static Team team() {
        return team(5, "FREE");
    }

    /** An organization known to org-service (the stand-in) with the given plan, and one member per role. */
    static Team team(int maxEvents, String plan) {
        String org = new ObjectId().toHexString();
        OrgServiceStandIn.ORGANIZATIONS.put(org, new OrgServiceStandIn.OrganizationLookup(new OrganizationSnapshot(org,
                "Tech Conference Inc", "org-" + org, "https://example.com/logo.png", null, null, null, null, "UTC", "USD",
                plan, maxEvents, Clocks.now(), Clocks.now(), null), 1));
        Caller superAdmin = member(org, "SUPER_ADMIN");
        Caller organizer = member(org, "ORGANIZER");
        Caller staff = member(org, "STAFF");
        Caller attendee = member(org, "ATTENDEE");
        return new Team(org, superAdmin, organizer, staff, attendee, caller(unique("stranger")), caller(PLATFORM_ADMIN_EMAIL));
    }

    private static Caller member(String org, String role) {
        Caller caller = caller(unique(role.toLowerCase()));
        Memberships.grant(org, caller.id(), role);
        return caller;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String slug() {
        return "event-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static Map<String, Object> event(String organizationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Annual Tech Summit 2024");
        body.put("slug", slug());
        body.put("description", "The biggest tech conference of the year");
        body.put("start_date", "2030-12-01T09:00:00Z");
        body.put("end_date", "2030-12-03T18:00:00Z");
        body.put("timezone", "America/New_York");
        body.put("organization_id", organizationId);
        body.put("venue", "Convention Center");
        body.put("city", "San Francisco");
        body.put("max_attendees", 1000);
        return body;
    }

    static String createEvent(Team team) {
        return team.organizer().call().body(event(team.organizationId())).post("/api/events").then().statusCode(201)
                .extract().path("event._id");
    }

    static String publishedEvent(Team team) {
        String id = createEvent(team);
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + id).then().statusCode(200);
        return id;
    }

    static String ticketType(Team team, String eventId, double price, Integer capacity) {
        Map<String, Object> body = new HashMap<>(Map.of("event_id", eventId, "name", "General", "price", price));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        return team.organizer().call().body(body).post("/api/ticket-types").then().statusCode(201).extract().path("ticket_type._id");
    }
}
