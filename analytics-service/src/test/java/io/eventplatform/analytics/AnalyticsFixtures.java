package io.eventplatform.analytics;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents.ListAdmission;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.json.JsonConventions;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.Memberships;
import io.eventplatform.common.testing.Tokens;
import io.eventplatform.common.time.Clocks;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Callers of each role, and the snapshots the other services would publish, sent straight to their topics. */
final class AnalyticsFixtures {

    static final String PLATFORM_ADMIN = "platform-admin@example.com";
    private static final ObjectMapper JSON = JsonConventions.newMapper();
    private static Topics topics;

    private AnalyticsFixtures() {
    }

    record Caller(String id, String email, String token) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    static Caller caller() {
        return caller("user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    static Caller caller(String email) {
        String id = new ObjectId().toHexString();
        return new Caller(id, email, Tokens.valid(id, email));
    }

    static Caller member(String organizationId, String role) {
        Caller caller = caller();
        Memberships.grant(organizationId, caller.id(), role);
        return caller;
    }

    /** An organization with a member of each role. */
    record Organization(String id, Caller superAdmin, Caller organizer, Caller staff, Caller attendee) {
        static Organization create() {
            String id = new ObjectId().toHexString();
            return new Organization(id, member(id, "SUPER_ADMIN"), member(id, "ORGANIZER"), member(id, "STAFF"),
                    member(id, "ATTENDEE"));
        }
    }

    static String newId() {
        return new ObjectId().toHexString();
    }

    static EventSnapshot event(String id, String organizationId, String name, String timezone, Instant startDate,
            Instant deletedAt) {
        return new EventSnapshot(id, organizationId, null, name, "slug-" + id, null, startDate,
                startDate.plusSeconds(3600), timezone, null, null, null, null, false, null, null, null, null, null, null,
                null, false, false, "PUBLISHED", true, null, Clocks.now(), Clocks.now(), Clocks.now(), deletedAt, false);
    }

    static TicketTypeSnapshot ticketType(String id, String eventId, String organizationId, String name, double price,
            Integer capacity, int sortOrder) {
        return new TicketTypeSnapshot(id, eventId, organizationId, name, null, price, capacity, false, null, null, null,
                null, true, sortOrder, Clocks.now(), Clocks.now(), null);
    }

    static RegistrationSnapshot registration(String id, String eventId, String ticketTypeId, String organizationId,
            String status, String paymentStatus, double amount, String source, Instant createdAt, boolean checkedIn,
            Instant checkInTime, Instant paymentDate) {
        return registration(id, eventId, ticketTypeId, organizationId, status, paymentStatus, amount, source, createdAt,
                checkedIn, checkInTime, paymentDate, null);
    }

    /** With where it stands on check-in lists, by list id. */
    static RegistrationSnapshot registration(String id, String eventId, String ticketTypeId, String organizationId,
            String status, String paymentStatus, double amount, String source, Instant createdAt, boolean checkedIn,
            Instant checkInTime, Instant paymentDate, Map<String, ListAdmission> admissions) {
        return new RegistrationSnapshot(id, eventId, ticketTypeId, organizationId, null, "Jane", "Smith",
                id + "@example.com", null, null, null, null, status, paymentStatus, amount, null, paymentDate, null,
                "QR" + id, checkedIn, checkInTime, source, null, null, createdAt, createdAt, null, admissions);
    }

    static OrganizationSnapshot deletedOrganization(String id) {
        return new OrganizationSnapshot(id, "Gone", "gone-" + id, null, null, null, null, null, "UTC", "USD", "FREE", 5,
                Clocks.now(), Clocks.now(), Clocks.now());
    }

    /** The test JVM's one producer (its threads are daemons; the JVM's end closes it). */
    static synchronized Topics topics(KafkaClients kafka) {
        if (topics == null) {
            topics = new Topics(kafka.producer("analytics-test"));
        }
        return topics;
    }

    /** A 200 answer read as one of the service's views. */
    static <T> T read(Caller caller, String path, Class<T> view) {
        String body = caller.call().get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readValue(body, view);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    /** Sends snapshots to the topics as their owners do: keyed by aggregate id, with their version. */
    record Topics(KafkaProducer<String, String> producer) {
        void send(AggregateType type, String id, long version, String organizationId, Object snapshot) {
            producer.send(new ProducerRecord<>(type.topic(), id,
                    DomainEvent.of(type, type.wireName() + ".updated", id, version, organizationId, snapshot).toJson()));
        }

        void flush() {
            producer.flush();
        }

        void event(EventSnapshot event, long version) {
            send(AggregateType.EVENT, event.id(), version, event.organizationId(), event);
        }

        void ticketType(TicketTypeSnapshot ticketType, long version) {
            send(AggregateType.TICKET_TYPE, ticketType.id(), version, ticketType.organizationId(), ticketType);
        }

        void registration(RegistrationSnapshot registration, long version) {
            send(AggregateType.REGISTRATION, registration.id(), version, registration.organizationId(), registration);
        }
    }
}
