package io.eventplatform.event;

import static io.eventplatform.event.EventFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class TicketTypeAndTemplateTest {

    @Inject
    KafkaClients kafka;

    private void registration(String id, String eventId, String ticketTypeId, String status, long version) throws Exception {
        registration("registration.updated", id, eventId, ticketTypeId, status, version);
    }

    private void registration(String type, String id, String eventId, String ticketTypeId, String status, long version)
            throws Exception {
        RegistrationSnapshot snapshot = new RegistrationSnapshot(id, eventId, ticketTypeId, null, null, "Jane", "Smith",
                "jane@example.com", null, null, null, null, status, "PENDING", 10, null, null, null, "QR" + id, false, null,
                null, null, null, Clocks.now(), Clocks.now(), null, null);
        try (KafkaProducer<String, String> producer = kafka.producer("registration-test")) {
            DomainEvent event = DomainEvent.of(AggregateType.REGISTRATION, type, id, version, null, snapshot);
            producer.send(new ProducerRecord<>(AggregateType.REGISTRATION.topic(), id, event.toJson())).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ticketTypesAreValidated() {
        Team team = team();
        String eventId = createEvent(team);
        Map<String, Map<String, Object>> badRequests = Map.of(
                "early bird without price", Map.of("is_early_bird", true, "early_bird_ends", "2030-11-01T00:00:00Z"),
                "early bird not cheaper", Map.of("is_early_bird", true, "early_bird_price", 300, "early_bird_ends", "2030-11-01T00:00:00Z"),
                "validity reversed", Map.of("valid_from", "2030-11-30T00:00:00Z", "valid_until", "2030-11-01T00:00:00Z"));
        badRequests.forEach((why, change) -> {
            Map<String, Object> body = new HashMap<>(Map.of("event_id", eventId, "name", "T", "price", 299.99));
            body.putAll(change);
            team.organizer().call().body(body).post("/api/ticket-types").then().statusCode(400);
        });
        team.organizer().call().body(Map.of("event_id", eventId, "name", "T", "price", -1)).post("/api/ticket-types").then().statusCode(422);
        team.organizer().call().body(Map.of("event_id", eventId, "name", "T", "price", 1, "capacity", -5)).post("/api/ticket-types").then().statusCode(422);
        team.organizer().call().body(Map.of("event_id", "nope", "name", "T", "price", 1)).post("/api/ticket-types").then().statusCode(422);
        team.organizer().call().body(Map.of("event_id", new ObjectId().toHexString(), "name", "T", "price", 1)).post("/api/ticket-types").then().statusCode(404);
        team.staff().call().body(Map.of("event_id", eventId, "name", "T", "price", 1)).post("/api/ticket-types").then().statusCode(403);
        team.organizer().call().get("/api/ticket-types/event/" + eventId).then().statusCode(200).body("ticket_types", empty());
    }

    @Test
    void ticketTypesAreReadableWithoutATokenOnlyOncePublished() {
        Team team = team();
        String eventId = createEvent(team);
        String ticketTypeId = team.organizer().call().body(Map.of("event_id", eventId, "name", "Early Bird",
                        "description", "Limited early bird pricing", "price", 299.99, "capacity", 100, "sort_order", 2))
                .post("/api/ticket-types").then().statusCode(201)
                .body("ticket_type.event_id", equalTo(eventId))
                .body("ticket_type.name", equalTo("Early Bird"))
                .body("ticket_type.price", equalTo(299.99f))
                .body("ticket_type.capacity", equalTo(100))
                .body("ticket_type.sold_count", equalTo(0))
                .body("ticket_type.is_active", equalTo(true))
                .extract().path("ticket_type._id");
        ticketType(team, eventId, 0, null);
        given().get("/api/ticket-types/event/" + eventId).then().statusCode(404);
        given().get("/api/ticket-types/" + ticketTypeId).then().statusCode(404);
        team.stranger().call().get("/api/ticket-types/" + ticketTypeId).then().statusCode(404);
        team.staff().call().get("/api/ticket-types/" + ticketTypeId).then().statusCode(200);
        team.organizer().call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + eventId).then().statusCode(200);
        given().get("/api/ticket-types/event/" + eventId).then().statusCode(200)
                .body("ticket_types.name", contains("General", "Early Bird"));
        given().get("/api/ticket-types/" + ticketTypeId).then().statusCode(200).body("ticket_type._id", equalTo(ticketTypeId));
        given().get("/api/ticket-types/" + ticketTypeId.toUpperCase()).then().statusCode(200).body("ticket_type._id", equalTo(ticketTypeId));
        team.organizer().call().body(Map.of("sort_order", 3)).patch("/api/ticket-types/" + ticketTypeId.toUpperCase()).then().statusCode(200);
        given().get("/api/ticket-types/abc").then().statusCode(404);
    }

    @Test
    void soldCountsFollowRegistrationEventsAndGuardDeletion() throws Exception {
        Team team = team();
        String eventId = publishedEvent(team);
        String ticketTypeId = ticketType(team, eventId, 10, 3);
        String first = new ObjectId().toHexString();
        String second = new ObjectId().toHexString();
        registration(first, eventId, ticketTypeId, "CONFIRMED", 1);
        registration(second, eventId, ticketTypeId, "PENDING", 1);
        registration(second, eventId, ticketTypeId, "PENDING", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/ticket-types/" + ticketTypeId).then()
                .extract().<Integer>path("ticket_type.sold_count") == 2);
        team.organizer().call().get("/api/events/" + eventId).then().body("event._count.registrations", equalTo(2));
        team.organizer().call().delete("/api/ticket-types/" + ticketTypeId).then().statusCode(400)
                .body("detail", equalTo("Cannot delete ticket type with sold tickets"));
        team.organizer().call().body(Map.of("capacity", 1)).patch("/api/ticket-types/" + ticketTypeId).then().statusCode(400);

        registration(second, eventId, ticketTypeId, "CANCELLED", 3);
        registration(second, eventId, ticketTypeId, "PENDING", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/ticket-types/" + ticketTypeId).then()
                .extract().<Integer>path("ticket_type.sold_count") == 1);
        registration(first, eventId, ticketTypeId, "CANCELLED", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/ticket-types/" + ticketTypeId).then()
                .extract().<Integer>path("ticket_type.sold_count") == 0);
        team.organizer().call().body(Map.of("price", 12.5, "capacity", 5, "is_active", false)).patch("/api/ticket-types/" + ticketTypeId)
                .then().statusCode(200).body("ticket_type.price", equalTo(12.5f)).body("ticket_type.is_active", equalTo(false));
        team.organizer().call().delete("/api/ticket-types/" + ticketTypeId).then().statusCode(204);
        team.organizer().call().get("/api/ticket-types/" + ticketTypeId).then().statusCode(404);
    }

    @Test
    void theDoorsEventsAreNotCounted() throws Exception {
        Team team = team();
        String eventId = publishedEvent(team);
        String general = ticketType(team, eventId, 10, 3);
        String vip = ticketType(team, eventId, 10, 4);
        String id = new ObjectId().toHexString();
        registration(id, eventId, general, "CONFIRMED", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> soldCount(general) == 1);
        // A door event never changes what is counted, so it is not read: were this one applied (cancelled, version
        // 3), the older update after it (version 2) would be dropped and VIP would never count it.
        registration(RegistrationEvents.CHECKED_IN, id, eventId, general, "CANCELLED", 3);
        registration(id, eventId, vip, "CONFIRMED", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> soldCount(vip) == 1);
        given().get("/api/ticket-types/" + general).then().body("ticket_type.sold_count", equalTo(0));
    }

    private static int soldCount(String ticketTypeId) {
        return given().get("/api/ticket-types/" + ticketTypeId).then().extract().<Integer>path("ticket_type.sold_count");
    }

    @Test
    void templatesFromScratchAndFromAnEventCreateEvents() {
        Team team = team();
        String fromScratch = team.organizer().call().body(Map.of("name", "Standard Conference Template",
                        "description", "Template for standard tech conferences", "category", "Conference",
                        "organization_id", team.organizationId(),
                        "template_data", Map.of("description", "Default conference description", "max_attendees", 500,
                                "ticket_types", List.of(Map.of("name", "General Admission", "price", "299.99", "capacity", 400)))))
                .post("/api/templates").then().statusCode(201)
                .body("template._id", matchesPattern("[0-9a-f]{24}"))
                .body("template.category", equalTo("Conference"))
                .body("template.template_data.max_attendees", equalTo(500))
                .extract().path("template._id");

        Map<String, Object> body = new HashMap<>(event(team.organizationId()));
        body.remove("description");
        body.remove("max_attendees");
        body.put("template_id", fromScratch);
        String eventId = team.organizer().call().body(body).post("/api/events").then().statusCode(201)
                .body("event.description", equalTo("Default conference description"))
                .body("event.max_attendees", equalTo(500))
                .body("event.template_id", equalTo(fromScratch))
                .body("event.ticket_types", hasSize(1))
                .body("event.ticket_types[0].name", equalTo("General Admission"))
                .body("event.ticket_types[0].price", equalTo(299.99f))
                .body("event.ticket_types[0].capacity", equalTo(400))
                .extract().path("event._id");

        team.organizer().call().body(Map.of("name", "Tech Summit Template", "organization_id", team.organizationId(), "event_id", eventId))
                .post("/api/templates").then().statusCode(201)
                .body("template.template_data.description", equalTo("Default conference description"))
                .body("template.template_data.ticket_types[0].name", equalTo("General Admission"));
        team.staff().call().get("/api/templates?organization_id=" + team.organizationId()).then().statusCode(200)
                .body("templates", hasSize(2));
        team.staff().call().get("/api/templates/" + fromScratch).then().statusCode(200);
        team.stranger().call().get("/api/templates/" + fromScratch).then().statusCode(404).body("detail", equalTo("Template not found"));
        team.staff().call().get("/api/templates").then().statusCode(422);

        Team other = team();
        Map<String, Object> foreign = new HashMap<>(event(other.organizationId()));
        foreign.put("template_id", fromScratch);
        other.organizer().call().body(foreign).post("/api/events").then().statusCode(404).body("detail", equalTo("Template not found"));
    }

    @Test
    void templatesAreValidatedAndManagedByTemplateManagers() {
        Team team = team();
        team.organizer().call().body(Map.of("name", "No data", "organization_id", team.organizationId()))
                .post("/api/templates").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "template_data")));
        team.organizer().call().body(Map.of("name", "Bad price", "organization_id", team.organizationId(),
                "template_data", Map.of("ticket_types", List.of(Map.of("name", "X", "price", "free")))))
                .post("/api/templates").then().statusCode(422);
        team.staff().call().body(Map.of("name", "Staff", "organization_id", team.organizationId(), "template_data", Map.of()))
                .post("/api/templates").then().statusCode(403);
        String id = team.organizer().call().body(Map.of("name", "T", "organization_id", team.organizationId(), "template_data", Map.of()))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");
        team.staff().call().delete("/api/templates/" + id).then().statusCode(403);
        team.organizer().call().delete("/api/templates/" + id).then().statusCode(204);
        team.organizer().call().get("/api/templates/" + id).then().statusCode(404);
        team.organizer().call().get("/api/templates/nope").then().statusCode(404);
    }
}
