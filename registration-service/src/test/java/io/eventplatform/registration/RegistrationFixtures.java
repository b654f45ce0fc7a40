package io.eventplatform.registration;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.testing.Memberships;
import io.eventplatform.common.testing.Tokens;
import io.eventplatform.common.time.Clocks;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Organizations, events and ticket types as event-service would publish them, and callers of each role. */
final class RegistrationFixtures {

    private RegistrationFixtures() {
    }

    record Caller(String id, String email, String token) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    static Caller caller() {
        String id = new ObjectId().toHexString();
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return new Caller(id, email, Tokens.valid(id, email));
    }

    static Caller member(String organizationId, String role) {
        Caller caller = caller();
        Memberships.grant(organizationId, caller.id(), role);
        return caller;
    }

    /** An event with its ticket types, known to event-service (the stand-in). */
    static final class EventBuilder {
        final String organizationId = new ObjectId().toHexString();
        final String eventId = new ObjectId().toHexString();
        String status = "PUBLISHED";
        Integer maxAttendees;
        boolean requireApproval;
        boolean waitlist;
        Instant opens;
        Instant closes;
        final List<TicketTypeSnapshot> ticketTypes = new ArrayList<>();
        long version = 1;
        boolean signedTickets;

        EventBuilder status(String value) {
            status = value;
            return this;
        }

        EventBuilder maxAttendees(int value) {
            maxAttendees = value;
            return this;
        }

        EventBuilder requireApproval() {
            requireApproval = true;
            return this;
        }

        EventBuilder waitlist() {
            waitlist = true;
            return this;
        }

        EventBuilder signedTickets() {
            signedTickets = true;
            return this;
        }

        /** The aggregate version event-service answers with (a later build is a later change of the same event). */
        EventBuilder version(long value) {
            version = value;
            return this;
        }

        EventBuilder registrationWindow(Instant from, Instant until) {
            opens = from;
            closes = until;
            return this;
        }

        String ticketType(double price, Integer capacity) {
            return ticketType(price, capacity, true, null, null);
        }

        String ticketType(double price, Integer capacity, boolean active, Double earlyBirdPrice, Instant earlyBirdEnds) {
            String id = new ObjectId().toHexString();
            ticketTypes.add(new TicketTypeSnapshot(id, eventId, organizationId, "Ticket " + ticketTypes.size(), null, price,
                    capacity, earlyBirdPrice != null, earlyBirdPrice, earlyBirdEnds, null, null, active, 0, Clocks.now(),
                    Clocks.now(), null));
            return id;
        }

        /** The ticket type is put on sale again (as an organizer's update at event-service would). */
        EventBuilder activate(String ticketTypeId) {
            ticketTypes.replaceAll(t -> !t.id().equals(ticketTypeId) ? t : new TicketTypeSnapshot(t.id(), t.eventId(),
                    t.organizationId(), t.name(), t.description(), t.price(), t.capacity(), t.isEarlyBird(), t.earlyBirdPrice(),
                    t.earlyBirdEnds(), t.validFrom(), t.validUntil(), true, t.sortOrder(), t.createdAt(), Clocks.now(), null));
            return this;
        }

        Built build() {
            EventSnapshot event = new EventSnapshot(eventId, organizationId, null, "Summit", "summit-" + eventId, null,
                    Instant.parse("2030-12-01T09:00:00Z"), Instant.parse("2030-12-03T18:00:00Z"), "UTC", null, null, null, null,
                    false, null, null, null, null, maxAttendees, opens, closes, requireApproval, waitlist, status,
                    !"DRAFT".equals(status), null, Clocks.now(), Clocks.now(), null, null, signedTickets);
            ServicesStandIn.CATALOGS.put(eventId, new ServicesStandIn.Catalog(event, version,
                    ticketTypes.stream().map(t -> new ServicesStandIn.VersionedTicketType(t, version)).toList()));
            return new Built(organizationId, eventId, member(organizationId, "ORGANIZER"), member(organizationId, "STAFF"),
                    member(organizationId, "ATTENDEE"));
        }
    }

    record Built(String organizationId, String eventId, Caller organizer, Caller staff, Caller attendee) {
    }

    static Map<String, Object> registration(String eventId, String ticketTypeId, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("event_id", eventId);
        body.put("ticket_type_id", ticketTypeId);
        body.put("first_name", "Jane");
        body.put("last_name", "Smith");
        body.put("email", email);
        body.put("company", "Tech Corp");
        body.put("custom_fields", Map.of("dietary_restrictions", "Vegetarian", "t_shirt_size", "M"));
        return body;
    }

    /** A new attendee registers for the ticket type; the answer, to check. */
    static ValidatableResponse registerSomeone(Built event, String ticketTypeId) {
        return caller().call().body(registration(event.eventId(), ticketTypeId, uniqueEmail())).post("/api/registrations").then();
    }

    static String uniqueEmail() {
        return "attendee-" + UUID.randomUUID() + "@example.com";
    }
}
