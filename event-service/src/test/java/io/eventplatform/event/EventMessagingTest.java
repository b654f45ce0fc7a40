package io.eventplatform.event;

import static io.eventplatform.event.EventFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.contracts.OrganizationEvents;
import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What event-service publishes, and what it does with org-service's organization events. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class EventMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KafkaClients kafka;

    private void organizationEvent(String type, Team team, String name, long version) throws Exception {
        OrganizationSnapshot snapshot = new OrganizationSnapshot(team.organizationId(), name, "slug", null, null, null, null,
                null, "UTC", "USD", "FREE", 5, Clocks.now(), Clocks.now(), type.equals(OrganizationEvents.DELETED) ? Clocks.now() : null);
        try (KafkaProducer<String, String> producer = kafka.producer("org-test")) {
            DomainEvent event = DomainEvent.of(AggregateType.ORGANIZATION, type, team.organizationId(), version, team.organizationId(), snapshot);
            producer.send(new ProducerRecord<>(AggregateType.ORGANIZATION.topic(), team.organizationId(), event.toJson())).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eventsTicketTypesAndTemplatesArePublishedWithVersions() {
        Team team = team();
        String eventId = createEvent(team);
        String ticketTypeId = ticketType(team, eventId, 25, 10);
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + eventId).then().statusCode(200);
        team.organizer().call().body(Map.of("capacity", 20)).patch("/api/ticket-types/" + ticketTypeId).then().statusCode(200);
        String templateId = team.organizer().call().body(Map.of("name", "T", "organization_id", team.organizationId(), "event_id", eventId))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");
        team.organizer().call().delete("/api/events/" + eventId).then().statusCode(204);

        try (TopicProbe events = new TopicProbe(AggregateType.EVENT.topic());
                TopicProbe ticketTypes = new TopicProbe(AggregateType.TICKET_TYPE.topic());
                TopicProbe templates = new TopicProbe(AggregateType.TEMPLATE.topic())) {
            await().atMost(WAIT).until(() -> events.eventsFor(eventId).size() == 3);
            List<DomainEvent> history = events.eventsFor(eventId);
            assertEquals(List.of("event.created", "event.published", "event.deleted"), history.stream().map(DomainEvent::type).toList());
            assertEquals(List.of(1L, 2L, 3L), history.stream().map(DomainEvent::aggregateVersion).toList());
            assertEquals(team.organizationId(), history.get(0).organizationId());
            assertEquals("PUBLISHED", history.get(1).data().get("status").asText());
            assertTrue(history.get(2).data().get("deleted_at").isTextual());

            await().atMost(WAIT).until(() -> ticketTypes.eventsFor(ticketTypeId).size() == 3);
            List<DomainEvent> ticketHistory = ticketTypes.eventsFor(ticketTypeId);
            assertEquals(List.of("ticket_type.created", "ticket_type.updated", "ticket_type.deleted"),
                    ticketHistory.stream().map(DomainEvent::type).toList());
            assertEquals(20, ticketHistory.get(1).data().get("capacity").asInt());
            assertEquals(eventId, ticketHistory.get(1).data().get("event_id").asText());

            await().atMost(WAIT).until(() -> templates.eventsFor(templateId).size() == 1);
            assertEquals("template.created", templates.eventsFor(templateId).get(0).type());
        }
    }

    @Test
    void organizationRenamesShowAndADeletedOrganizationTakesItsEventsAndTemplates() throws Exception {
        Team team = team();
        String eventId = createEvent(team);
        String templateId = team.organizer().call().body(Map.of("name", "T", "organization_id", team.organizationId(), "template_data", Map.of()))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");
        organizationEvent(OrganizationEvents.UPDATED, team, "Renamed Inc", 2);
        await().atMost(WAIT).until(() -> "Renamed Inc".equals(team.organizer().call().get("/api/events/" + eventId)
                .then().extract().path("event.organization.name")));

        organizationEvent(OrganizationEvents.DELETED, team, "Renamed Inc", 3);
        await().atMost(WAIT).until(() -> team.organizer().call().get("/api/events/" + eventId).statusCode() == 404);
        team.organizer().call().get("/api/templates/" + templateId).then().statusCode(404);
        try (TopicProbe events = new TopicProbe(AggregateType.EVENT.topic())) {
            await().atMost(WAIT).until(() -> events.eventsFor(eventId).stream().anyMatch(e -> e.type().equals("event.deleted")));
        }
        team.organizer().call().body(event(team.organizationId())).post("/api/events").then().statusCode(404)
                .body("detail", equalTo("Organization not found"));
    }
}
