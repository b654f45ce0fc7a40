package io.eventplatform.event;

import static io.eventplatform.event.EventFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.BiFunction;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.testing.AuthorizationMatrix;
import io.eventplatform.common.testing.AuthorizationMatrix.Caller;
import io.eventplatform.common.testing.AuthorizationMatrix.Identity;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every event-service endpoint against every kind of caller, matching rbac.py's table. A non-member gets 404: the
 * organization and everything in it do not exist for them.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AuthorizationMatrixTest {

    /** A fresh organization with a draft event (with one ticket type) and a template. */
    record Fixture(Team team, String eventId, String ticketTypeId, String templateId) {
        static Fixture make() {
            Team team = EventFixtures.team(1000, "ENTERPRISE");
            String eventId = createEvent(team);
            String ticketTypeId = ticketType(team, eventId, 10, 5);
            String templateId = team.organizer().call().body(Map.of("name", "T", "organization_id", team.organizationId(),
                    "template_data", Map.of())).post("/api/templates").then().statusCode(201).extract().path("template._id");
            return new Fixture(team, eventId, ticketTypeId, templateId);
        }
    }

    private static Identity identity(Fixture fixture, Caller caller) {
        Team team = fixture.team();
        EventFixtures.Caller user = switch (caller) {
            case SUPER_ADMIN -> team.superAdmin();
            case STAFF -> team.staff();
            case ATTENDEE -> team.attendee();
            case NON_MEMBER -> team.stranger();
            case PLATFORM_ADMIN -> team.platformAdmin();
            default -> team.organizer();
        };
        return new Identity(user.id(), user.email(), user.token());
    }

    private static void check(String endpoint, Map<Caller, Integer> expected, BiFunction<Fixture, RequestSpecification, Integer> call) {
        AuthorizationMatrix.check(endpoint, expected, Fixture::make, AuthorizationMatrixTest::identity, call);
    }

    private static Map<Caller, Integer> expect(int superAdmin, int organizer, int staff, int attendee, int nonMember,
            int platformAdmin, int noToken) {
        return AuthorizationMatrix.expect(superAdmin, organizer, staff, attendee, nonMember, platformAdmin, noToken);
    }

    @Test
    void events() {
        check("POST /api/events", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.body(event(f.team().organizationId())).post("/api/events").statusCode());
        check("GET /api/events/{id}", expect(200, 200, 200, 200, 404, 200, 401),
                (f, s) -> s.get("/api/events/" + f.eventId()).statusCode());
        check("GET /api/events?organization_id", expect(200, 200, 200, 200, 404, 200, 401),
                (f, s) -> s.get("/api/events?organization_id=" + f.team().organizationId()).statusCode());
        check("PATCH /api/events/{id}", expect(200, 200, 403, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("name", "Changed")).patch("/api/events/" + f.eventId()).statusCode());
        check("DELETE /api/events/{id}", expect(204, 204, 403, 403, 404, 204, 401),
                (f, s) -> s.delete("/api/events/" + f.eventId()).statusCode());
        check("POST /api/events/{id}/duplicate", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.post("/api/events/" + f.eventId() + "/duplicate").statusCode());
    }

    @Test
    void ticketTypes() {
        check("POST /api/ticket-types", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.body(Map.of("event_id", f.eventId(), "name", "VIP", "price", 50)).post("/api/ticket-types").statusCode());
        check("GET /api/ticket-types/event/{draft}", expect(200, 200, 200, 200, 404, 200, 404),
                (f, s) -> s.get("/api/ticket-types/event/" + f.eventId()).statusCode());
        check("PATCH /api/ticket-types/{id}", expect(200, 200, 403, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("price", 11)).patch("/api/ticket-types/" + f.ticketTypeId()).statusCode());
        check("DELETE /api/ticket-types/{id}", expect(204, 204, 403, 403, 404, 204, 401),
                (f, s) -> s.delete("/api/ticket-types/" + f.ticketTypeId()).statusCode());
    }

    @Test
    void templates() {
        check("POST /api/templates", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.body(Map.of("name", "New", "organization_id", f.team().organizationId(), "template_data", Map.of()))
                        .post("/api/templates").statusCode());
        check("GET /api/templates", expect(200, 200, 200, 200, 404, 200, 401),
                (f, s) -> s.get("/api/templates?organization_id=" + f.team().organizationId()).statusCode());
        check("GET /api/templates/{id}", expect(200, 200, 200, 200, 404, 200, 401),
                (f, s) -> s.get("/api/templates/" + f.templateId()).statusCode());
        check("DELETE /api/templates/{id}", expect(204, 204, 403, 403, 404, 204, 401),
                (f, s) -> s.delete("/api/templates/" + f.templateId()).statusCode());
    }

    /** A member of another organization probing this one's ids gets exactly what an id that does not exist gets. */
    @Test
    void anotherTenantsIdsAnswerExactlyLikeUnknownOnes() {
        Fixture theirs = Fixture.make();
        EventFixtures.Caller prober = EventFixtures.team().organizer();
        String unknown = new ObjectId().toHexString();
        String org = theirs.team().organizationId();
        String event = theirs.eventId();
        String ticketType = theirs.ticketTypeId();
        String template = theirs.templateId();

        sameAsUnknown(prober, org, unknown, "Organization not found", (s, id) -> s.get("/api/events?organization_id=" + id));
        sameAsUnknown(prober, org, unknown, "Organization not found", (s, id) -> s.body(event(id)).post("/api/events"));
        sameAsUnknown(prober, org, unknown, "Organization not found", (s, id) -> s.get("/api/templates?organization_id=" + id));
        sameAsUnknown(prober, org, unknown, "Organization not found", (s, id) -> s.body(Map.of("name", "T",
                "organization_id", id, "template_data", Map.of())).post("/api/templates"));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.get("/api/events/" + id));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.body(Map.of("name", "x")).patch("/api/events/" + id));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.delete("/api/events/" + id));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.post("/api/events/" + id + "/duplicate"));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.get("/api/ticket-types/event/" + id));
        sameAsUnknown(prober, event, unknown, "Event not found", (s, id) -> s.body(Map.of("event_id", id, "name", "VIP",
                "price", 5)).post("/api/ticket-types"));
        sameAsUnknown(prober, ticketType, unknown, "Ticket type not found", (s, id) -> s.get("/api/ticket-types/" + id));
        sameAsUnknown(prober, ticketType, unknown, "Ticket type not found",
                (s, id) -> s.body(Map.of("price", 1)).patch("/api/ticket-types/" + id));
        sameAsUnknown(prober, ticketType, unknown, "Ticket type not found", (s, id) -> s.delete("/api/ticket-types/" + id));
        sameAsUnknown(prober, template, unknown, "Template not found", (s, id) -> s.get("/api/templates/" + id));
        sameAsUnknown(prober, template, unknown, "Template not found", (s, id) -> s.delete("/api/templates/" + id));
        theirs.team().organizer().call().get("/api/events/" + event).then().statusCode(200);
    }

    private static void sameAsUnknown(EventFixtures.Caller prober, String theirs, String unknown, String detail,
            BiFunction<RequestSpecification, String, Response> call) {
        Response foreign = call.apply(prober.call(), theirs);
        Response missing = call.apply(prober.call(), unknown);
        String expected = "404 {\"detail\":\"" + detail + "\"}";
        assertEquals(expected, foreign.statusCode() + " " + foreign.asString(), "another tenant's id");
        assertEquals(expected, missing.statusCode() + " " + missing.asString(), "an unknown id");
    }
}
