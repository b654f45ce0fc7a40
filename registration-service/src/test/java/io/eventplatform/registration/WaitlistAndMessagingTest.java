package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.Parallel;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class WaitlistAndMessagingTest {

    @Inject
    MongoClient mongo;

    @Inject
    KafkaClients kafka;

    private long withStatus(String eventId, String status) {
        return mongo.getDatabase("registration").getCollection("registrations")
                .countDocuments(new Document("event_id", eventId).append("status", status));
    }

    @Test
    void concurrentCancellationsPromoteTheWaitlistOldestFirstAndNeverGiveASeatTwice() throws Exception {
        EventBuilder builder = new EventBuilder().waitlist();
        String ticket = builder.ticketType(0, 5);
        Built event = builder.build();
        List<Caller> seated = new ArrayList<>();
        List<String> seatedIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Caller owner = caller();
            seated.add(owner);
            seatedIds.add(owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                    .then().statusCode(201).body("registration.status", equalTo("CONFIRMED")).extract().path("registration._id"));
        }
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(registerSomeone(event, ticket).statusCode(201).body("registration.status", equalTo("WAITLIST")).extract().path("registration._id"));
        }
        Parallel.run(5, i -> seated.get(i).call().delete("/api/registrations/" + seatedIds.get(i)).statusCode());

        assertEquals(5, withStatus(event.eventId(), "CONFIRMED"));
        assertEquals(3, withStatus(event.eventId(), "WAITLIST"));
        for (int i = 0; i < 8; i++) {
            String expected = i < 5 ? "CONFIRMED" : "WAITLIST";
            event.staff().call().get("/api/registrations/" + waiting.get(i)).then().body("registration.status", equalTo(expected));
        }
        registerSomeone(event, ticket).statusCode(201)
                .body("registration.status", equalTo("WAITLIST"));
    }

    @Test
    void aSeatFreedUnderTheEventsMaximumGoesToTheWaitlistOfAnotherTicketType() {
        EventBuilder builder = new EventBuilder().maxAttendees(1).waitlist();
        String standard = builder.ticketType(0, null);
        String student = builder.ticketType(0, null);
        Built event = builder.build();
        Caller first = caller();
        String seated = first.call().body(registration(event.eventId(), standard, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).body("registration.status", equalTo("CONFIRMED")).extract().path("registration._id");
        String waiting = caller().call().body(registration(event.eventId(), student, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).body("registration.status", equalTo("WAITLIST")).extract().path("registration._id");

        first.call().delete("/api/registrations/" + seated).then().statusCode(204);

        event.staff().call().get("/api/registrations/" + waiting).then().body("registration.status", equalTo("CONFIRMED"));
        assertEquals(1, withStatus(event.eventId(), "CONFIRMED"));
    }

    @Test
    void registrationChangesArePublishedWithVersions() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(25, null);
        Built event = builder.build();
        Caller owner = caller();
        String id = owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).extract().path("registration._id");
        event.organizer().call().body(java.util.Map.of("payment_status", "COMPLETED")).patch("/api/registrations/" + id)
                .then().statusCode(200).body("registration.payment_date", endsWith("Z"));
        event.organizer().call().body(java.util.Map.of("status", "CONFIRMED")).patch("/api/registrations/" + id).then().statusCode(200);
        event.staff().call().post("/api/registrations/" + id + "/check-in").then().statusCode(200);
        owner.call().delete("/api/registrations/" + id).then().statusCode(204);
        try (TopicProbe probe = new TopicProbe(AggregateType.REGISTRATION.topic())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.eventsFor(id).size() == 5);
            List<DomainEvent> events = probe.eventsFor(id);
            assertEquals(List.of("registration.created", "payment.completed", "registration.confirmed", "attendee.checked_in",
                    "registration.cancelled"), events.stream().map(DomainEvent::type).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().map(DomainEvent::aggregateVersion).toList());
            assertEquals(event.organizationId(), events.get(0).organizationId());
            assertEquals("CANCELLED", events.get(4).data().get("status").asText());
            assertEquals(true, events.get(4).data().get("checked_in").asBoolean());
        }
    }

    @Test
    void aDeletedEventsRegistrationsAreCancelled() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String id = caller().call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).extract().path("registration._id");
        EventSnapshot live = ServicesStandIn.CATALOGS.get(event.eventId()).event();
        EventSnapshot deleted = new EventSnapshot(live.id(), live.organizationId(), null, live.name(), live.slug(), null,
                live.startDate(), live.endDate(), "UTC", null, null, null, null, false, null, null, null, null, null, null, null,
                false, false, "PUBLISHED", true, null, live.createdAt(), Clocks.now(), null, Clocks.now(), false);
        try (KafkaProducer<String, String> producer = kafka.producer("event-test")) {
            DomainEvent message = DomainEvent.of(AggregateType.EVENT, "event.deleted", live.id(), 5, live.organizationId(), deleted);
            producer.send(new ProducerRecord<>(AggregateType.EVENT.topic(), live.id(), message.toJson())).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(event.staff().call().get("/api/registrations/" + id)
                .then().extract().path("registration.status")));
    }
}
