package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.json.JsonConventions;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.repository.CatalogRepository;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Read your writes across services: the replica of event-service's catalog comes through Kafka, a moment behind. A
 * refusal that rests on its copy is confirmed with event-service (the stand-in, whose versions run ahead of what the
 * replica heard) before it is given; a registration that goes through costs no call.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class CatalogFreshnessTest {

    @Inject
    MongoClient mongo;

    @Inject
    CatalogRepository replica;

    private static int catalogCalls(String eventId) {
        AtomicInteger calls = ServicesStandIn.CATALOG_CALLS.get(eventId);
        return calls == null ? 0 : calls.get();
    }

    private long replicaVersion(String collection, String id) {
        return mongo.getDatabase("registration").getCollection(collection).find(new Document("_id", id)).first()
                .get("version", Number.class).longValue();
    }

    @Test
    void registeringRightAfterPublishingIsAcceptedWhileTheReplicaStillHoldsTheDraft() {
        EventBuilder builder = new EventBuilder().status("DRAFT");
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Event is not open for registration"));
        assertEquals(1, replicaVersion("event_replica", event.eventId()));

        // Published at event-service; the replica still holds the draft (version 1), its Kafka message not applied.
        builder.status("PUBLISHED").version(2).build();
        registerSomeone(event, ticket).statusCode(201);
        assertEquals(2, replicaVersion("event_replica", event.eventId()));

        int calls = catalogCalls(event.eventId());
        registerSomeone(event, ticket).statusCode(201);
        registerSomeone(event, ticket).statusCode(201);
        assertEquals(calls, catalogCalls(event.eventId()));
    }

    @Test
    void aRefusalEventServiceConfirmsIsGivenEveryTime() {
        EventBuilder draftBuilder = new EventBuilder().status("DRAFT");
        String draftTicket = draftBuilder.ticketType(0, null);
        Built draft = draftBuilder.build();
        EventBuilder closedBuilder = new EventBuilder()
                .registrationWindow(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"));
        String closedTicket = closedBuilder.ticketType(0, null);
        Built closed = closedBuilder.build();

        for (int attempt = 1; attempt <= 2; attempt++) {
            registerSomeone(draft, draftTicket).statusCode(400).body("detail", equalTo("Event is not open for registration"));
            registerSomeone(closed, closedTicket).statusCode(400).body("detail", equalTo("Registration is closed"));
            assertEquals(attempt, catalogCalls(draft.eventId()));
            assertEquals(attempt, catalogCalls(closed.eventId()));
        }
        assertEquals(0, mongo.getDatabase("registration").getCollection("registrations").countDocuments(
                new Document("event_id", new Document("$in", java.util.List.of(draft.eventId(), closed.eventId())))));
    }

    @Test
    void aTicketTypePutOnSaleAgainOrAReopenedWindowCountsAtOnce() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(10, null, false, null, null);
        Built event = builder.build();
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type is not available"));
        builder.activate(ticket).version(2).build();
        registerSomeone(event, ticket).statusCode(201);
        assertEquals(2, replicaVersion("ticket_type_replica", ticket));

        EventBuilder windowBuilder = new EventBuilder()
                .registrationWindow(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"));
        String windowTicket = windowBuilder.ticketType(0, null);
        Built window = windowBuilder.build();
        registerSomeone(window, windowTicket).statusCode(400).body("detail", equalTo("Registration is closed"));
        windowBuilder.registrationWindow(Clocks.now().minusSeconds(60), Instant.parse("2030-11-30T00:00:00Z")).version(2).build();
        registerSomeone(window, windowTicket).statusCode(201);
    }

    /**
     * Two replicas of this service share the store: the other one's consumer stores a ticket type while this one still
     * remembers it as missing. Confirming with event-service (same version, so nothing to write) must drop that memory.
     */
    @Test
    void aTicketTypeAnotherReplicaStoredMeanwhileIsFoundOnceConfirmed() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        ServicesStandIn.Catalog catalog = ServicesStandIn.CATALOGS.get(event.eventId());
        replica.applyEvent(catalog.event(), catalog.version());
        assertTrue(replica.ticketType(ticket).isEmpty());

        var snapshot = catalog.ticketTypes().get(0);
        mongo.getDatabase("registration").getCollection("ticket_type_replica").insertOne(new Document("_id", ticket)
                .append("event_id", event.eventId()).append("deleted", false).append("version", snapshot.version())
                .append("snapshot", Document.parse(JsonConventions.newMapper().writeValueAsString(snapshot.ticketType()))));

        registerSomeone(event, ticket).statusCode(201);
    }
}
