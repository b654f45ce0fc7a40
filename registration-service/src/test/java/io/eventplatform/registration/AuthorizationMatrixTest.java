package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static io.eventplatform.common.testing.AuthorizationMatrix.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
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
 * Every registration-service endpoint against every kind of caller, matching rbac.py's table. A non-member gets 404:
 * the organization's events and registrations do not exist for them.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AuthorizationMatrixTest {

    /** A published event with members of each role and one registration made by an outsider. */
    record Fixture(Built event, RegistrationFixtures.Caller superAdmin, RegistrationFixtures.Caller stranger,
            RegistrationFixtures.Caller platformAdmin, String ticketTypeId, String registrationId, String qrCode) {

        static Fixture make() {
            EventBuilder builder = new EventBuilder();
            String ticket = builder.ticketType(0, null);
            Built event = builder.build();
            var registered = caller().call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                    .then().statusCode(201).extract();
            String id = new org.bson.types.ObjectId().toHexString();
            return new Fixture(event, member(event.organizationId(), "SUPER_ADMIN"), caller(),
                    new RegistrationFixtures.Caller(id, "platform-admin@example.com",
                            io.eventplatform.common.testing.Tokens.valid(id, "platform-admin@example.com")),
                    ticket, registered.path("registration._id"), registered.path("registration.qr_code"));
        }
    }

    private static Identity identity(Fixture f, Caller caller) {
        RegistrationFixtures.Caller user = switch (caller) {
            case SUPER_ADMIN -> f.superAdmin();
            case STAFF -> f.event().staff();
            case ATTENDEE -> f.event().attendee();
            case NON_MEMBER -> f.stranger();
            case PLATFORM_ADMIN -> f.platformAdmin();
            default -> f.event().organizer();
        };
        return new Identity(user.id(), user.email(), user.token());
    }

    private static void check(String endpoint, Map<Caller, Integer> expected, BiFunction<Fixture, RequestSpecification, Integer> call) {
        AuthorizationMatrix.check(endpoint, expected, Fixture::make, AuthorizationMatrixTest::identity, call);
    }

    @Test
    void registeringAndReading() {
        check("POST /api/registrations", expect(201, 201, 201, 201, 201, 201, 401),
                (f, s) -> s.body(registration(f.event().eventId(), f.ticketTypeId(), uniqueEmail())).post("/api/registrations").statusCode());
        check("GET /api/registrations?event_id", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations?event_id=" + f.event().eventId()).statusCode());
        check("GET /api/registrations/{id}", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations/" + f.registrationId()).statusCode());
        check("GET /api/registrations/{id}/qr.png", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations/" + f.registrationId() + "/qr.png").statusCode());
        check("GET /api/registrations/{id}/ticket", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations/" + f.registrationId() + "/ticket").statusCode());
        check("GET /api/registrations/ticket-keys", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations/ticket-keys?event_id=" + f.event().eventId()).statusCode());
        check("POST /api/registrations/ticket-keys", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.post("/api/registrations/ticket-keys?event_id=" + f.event().eventId()).statusCode());
        check("GET /api/registrations/export", expect(200, 200, 403, 403, 404, 200, 401),
                (f, s) -> s.get("/api/registrations/export?event_id=" + f.event().eventId()).statusCode());
    }

    @Test
    void changing() {
        check("PATCH /api/registrations/{id}", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("notes", "VIP")).patch("/api/registrations/" + f.registrationId()).statusCode());
        check("DELETE /api/registrations/{id} (not the owner)", expect(403, 403, 403, 403, 404, 403, 401),
                (f, s) -> s.delete("/api/registrations/" + f.registrationId()).statusCode());
        check("POST /api/registrations/{id}/check-in", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.post("/api/registrations/" + f.registrationId() + "/check-in").statusCode());
        check("POST /api/registrations/qr-check-in", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.queryParam("qr_code", f.qrCode()).post("/api/registrations/qr-check-in").statusCode());
        check("DELETE /api/registrations/{id}/check-in", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.delete("/api/registrations/" + f.registrationId() + "/check-in").statusCode());
    }

    /** A member of another organization probing this one's ids gets exactly what an id that does not exist gets. */
    @Test
    void anotherTenantsIdsAnswerExactlyLikeUnknownOnes() {
        Fixture theirs = Fixture.make();
        RegistrationFixtures.Caller prober = new EventBuilder().build().organizer();
        String unknown = new ObjectId().toHexString();
        String event = theirs.event().eventId();
        String registration = theirs.registrationId();
        String notFound = "404 {\"detail\":\"Registration not found\"}";

        sameAsUnknown(prober, event, unknown, "404 {\"detail\":\"Event not found\"}",
                (s, id) -> s.get("/api/registrations?event_id=" + id));
        sameAsUnknown(prober, event, unknown, "404 {\"detail\":\"Event not found\"}",
                (s, id) -> s.get("/api/registrations/export?event_id=" + id));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.get("/api/registrations/" + id));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.get("/api/registrations/" + id + "/qr.png"));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.get("/api/registrations/" + id + "/ticket"));
        sameAsUnknown(prober, event, unknown, "404 {\"detail\":\"Event not found\"}",
                (s, id) -> s.get("/api/registrations/ticket-keys?event_id=" + id));
        sameAsUnknown(prober, event, unknown, "404 {\"detail\":\"Event not found\"}",
                (s, id) -> s.post("/api/registrations/ticket-keys?event_id=" + id));
        sameAsUnknown(prober, registration, unknown, notFound,
                (s, id) -> s.body(Map.of("notes", "x")).patch("/api/registrations/" + id));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.delete("/api/registrations/" + id));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.post("/api/registrations/" + id + "/check-in"));
        sameAsUnknown(prober, registration, unknown, notFound, (s, id) -> s.delete("/api/registrations/" + id + "/check-in"));
        sameAsUnknown(prober, theirs.qrCode(), "NoSuchCode", "404 {\"detail\":\"Invalid QR code\",\"reason\":\"unknown_code\"}",
                (s, code) -> s.queryParam("qr_code", code).post("/api/registrations/qr-check-in"));
        String eventNotFound = "404 {\"detail\":\"Event not found\"}";
        String listNotFound = "404 {\"detail\":\"Check-in list not found\"}";
        String theirList = theirs.event().organizer().call().body(Map.of("event_id", event, "name", "Their door"))
                .post("/api/check-in-lists").then().statusCode(201).extract().path("check_in_list._id");
        sameAsUnknown(prober, event, unknown, eventNotFound, (s, id) -> s.get("/api/check-in-lists?event_id=" + id));
        sameAsUnknown(prober, event, unknown, eventNotFound,
                (s, id) -> s.body(Map.of("event_id", id, "name", "Mine")).post("/api/check-in-lists"));
        for (String list : List.of(event, theirList)) {
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.get("/api/check-in-lists/" + id));
            sameAsUnknown(prober, list, unknown, listNotFound,
                    (s, id) -> s.body(Map.of("name", "Mine")).put("/api/check-in-lists/" + id));
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.delete("/api/check-in-lists/" + id));
            sameAsUnknown(prober, list, unknown, listNotFound,
                    (s, id) -> s.body(Map.of("qr_code", theirs.qrCode())).post("/api/check-in-lists/" + id + "/scans"));
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.body(Map.of("scans", List.of(Map.of("nonce", "n",
                    "qr_code", theirs.qrCode(), "scanned_at", "2026-01-01T10:00:00Z")))).post("/api/check-in-lists/" + id + "/scans/batch"));
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.get("/api/check-in-lists/" + id + "/scans"));
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.get("/api/check-in-lists/" + id + "/offline"));
            sameAsUnknown(prober, list, unknown, listNotFound, (s, id) -> s.post("/api/check-in-lists/" + id + "/scans/n/undo"));
        }
        theirs.event().staff().call().get("/api/registrations/" + registration).then().statusCode(200);
        theirs.event().staff().call().get("/api/check-in-lists/" + theirList).then().statusCode(200);
    }

    private static void sameAsUnknown(RegistrationFixtures.Caller prober, String theirs, String unknown, String expected,
            BiFunction<RequestSpecification, String, Response> call) {
        Response foreign = call.apply(prober.call(), theirs);
        Response missing = call.apply(prober.call(), unknown);
        assertEquals(expected, foreign.statusCode() + " " + foreign.asString(), "another tenant's id");
        assertEquals(expected, missing.statusCode() + " " + missing.asString(), "an unknown id");
    }

    @Test
    void checkInLists() {
        String lists = "/api/check-in-lists";
        check("GET /api/check-in-lists?event_id", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get(lists + "?event_id=" + f.event().eventId()).statusCode());
        check("GET /api/check-in-lists/{id}", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get(lists + "/" + f.event().eventId()).statusCode());
        check("POST /api/check-in-lists", expect(201, 201, 403, 403, 404, 201, 401),
                (f, s) -> s.body(Map.of("event_id", f.event().eventId(), "name", "Side door")).post(lists).statusCode());
        check("PUT /api/check-in-lists/{id}", expect(200, 200, 403, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("name", "Front gate")).put(lists + "/" + f.event().eventId()).statusCode());
        check("DELETE /api/check-in-lists/{id}", expect(204, 204, 403, 403, 404, 204, 401), (f, s) -> {
            String side = f.event().organizer().call().body(Map.of("event_id", f.event().eventId(), "name", "Side door " + new ObjectId()))
                    .post(lists).then().statusCode(201).extract().path("check_in_list._id");
            return s.delete(lists + "/" + side).statusCode();
        });
        check("POST /api/check-in-lists/{id}/scans", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("qr_code", f.qrCode())).post(lists + "/" + f.event().eventId() + "/scans").statusCode());
        check("POST /api/check-in-lists/{id}/scans/batch", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.body(Map.of("scans", List.of(Map.of("nonce", "n1", "qr_code", f.qrCode(), "scanned_at",
                        Instant.now().toString())))).post(lists + "/" + f.event().eventId() + "/scans/batch").statusCode());
        check("POST /api/check-in-lists/{id}/scans/{scan_id}/undo", expect(200, 200, 200, 403, 404, 200, 401), (f, s) -> {
            f.event().staff().call().body(Map.of("qr_code", f.qrCode(), "nonce", "to-undo"))
                    .post(lists + "/" + f.event().eventId() + "/scans").then().statusCode(200);
            return s.post(lists + "/" + f.event().eventId() + "/scans/to-undo/undo").statusCode();
        });
        check("GET /api/check-in-lists/{id}/offline", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get(lists + "/" + f.event().eventId() + "/offline").statusCode());
        check("GET /api/check-in-lists/{id}/scans", expect(200, 200, 200, 403, 404, 200, 401),
                (f, s) -> s.get(lists + "/" + f.event().eventId() + "/scans").statusCode());
    }
}
