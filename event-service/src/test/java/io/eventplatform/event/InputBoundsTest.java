package io.eventplatform.event;

import static io.eventplatform.event.EventFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every input is bounded by what the store and one Kafka record hold, and templates by the rules of what they make. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class InputBoundsTest {

    private static final String FAR_FUTURE = "+300000000-01-01T00:00:00Z";
    private static final List<String> UNSUPPORTED_DATES = List.of(FAR_FUTURE, "-300000000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z");
    /** JSON writes a control character as six bytes, the most any character can take. */
    private static final char WIDEST = '\u0001';

    @Test
    void everyDateFieldOutsideTheYears1970To9999Is422() {
        Team team = team();
        String eventId = createEvent(team);
        String ticketTypeId = ticketType(team, eventId, 10, 5);
        for (String date : UNSUPPORTED_DATES) {
            for (String field : List.of("start_date", "end_date", "registration_open_date", "registration_close_date")) {
                Map<String, Object> create = new HashMap<>(event(team.organizationId()));
                create.put(field, date);
                team.organizer().call().body(create).post("/api/events").then().statusCode(422)
                        .body("detail[0].loc", equalTo(List.of("body", field)));
                team.organizer().call().body(Map.of(field, date)).patch("/api/events/" + eventId).then().statusCode(422)
                        .body("detail[0].loc", equalTo(List.of("body", field)));
            }
            for (String field : List.of("early_bird_ends", "valid_from", "valid_until")) {
                team.organizer().call().body(Map.of("event_id", eventId, "name", "T", "price", 1, field, date))
                        .post("/api/ticket-types").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", field)));
                team.organizer().call().body(Map.of(field, date)).patch("/api/ticket-types/" + ticketTypeId).then()
                        .statusCode(422).body("detail[0].loc", equalTo(List.of("body", field)));
            }
            template(team, Map.of("ticket_types", List.of(Map.of("name", "T", "price", 1, "is_early_bird", true,
                    "early_bird_price", 0, "early_bird_ends", date)))).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "template_data", "ticket_types", 0, "early_bird_ends")));
        }
        Map<String, Object> edge = new HashMap<>(event(team.organizationId()));
        edge.put("start_date", "1970-01-01T00:00:00Z");
        edge.put("end_date", "9999-12-31T23:59:59.999Z");
        team.organizer().call().body(edge).post("/api/events").then().statusCode(201)
                .body("event.end_date", equalTo("9999-12-31T23:59:59.999Z"));
    }

    @Test
    void numbersOutsideTheirTypeAre422InsteadOfWrapping() {
        Team team = team();
        template(team, Map.of("max_attendees", 4294967295L)).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "template_data", "max_attendees")));
        template(team, Map.of("max_attendees", 0)).then().statusCode(422);
        template(team, Map.of("max_attendees", 2.5)).then().statusCode(422);
        template(team, Map.of("ticket_types", List.of(Map.of("name", "T", "price", 1, "capacity", 4294967296L)))).then()
                .statusCode(422).body("detail[0].loc", equalTo(List.of("body", "template_data", "ticket_types", 0, "capacity")));
        Map<String, Object> event = new HashMap<>(event(team.organizationId()));
        event.put("max_attendees", 4294967295L);
        team.organizer().call().body(event).post("/api/events").then().statusCode(422)
                .body("detail[0].msg", equalTo("number out of range"));
        event.put("max_attendees", Limits.MAX_SEATS + 1);
        team.organizer().call().body(event).post("/api/events").then().statusCode(422);
    }

    @Test
    void moneyHasAtMostTwoDecimalsAndAMaximum() {
        Team team = team();
        String eventId = createEvent(team);
        for (Object price : List.of(1e13, 1e300, 0.001, 1_000_000.01, -0.01, "1e400", "NaN", "Infinity")) {
            team.organizer().call().body(Map.of("event_id", eventId, "name", "T", "price", price)).post("/api/ticket-types")
                    .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "price")));
            team.organizer().call().body(Map.of("event_id", eventId, "name", "T", "price", 100, "is_early_bird", true,
                    "early_bird_price", price, "early_bird_ends", "2030-01-01T00:00:00Z")).post("/api/ticket-types")
                    .then().statusCode(422);
            template(team, Map.of("ticket_types", List.of(Map.of("name", "T", "price", price)))).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "template_data", "ticket_types", 0, "price")));
        }
        String ticketTypeId = team.organizer().call().body(Map.of("event_id", eventId, "name", "Top", "price", 1_000_000))
                .post("/api/ticket-types").then().statusCode(201).body("ticket_type.price", equalTo(1_000_000f))
                .extract().path("ticket_type._id");
        team.organizer().call().body(Map.of("price", 19.99)).patch("/api/ticket-types/" + ticketTypeId).then().statusCode(200)
                .body("ticket_type.price", equalTo(19.99f));
        team.organizer().call().body(Map.of("price", 19.999)).patch("/api/ticket-types/" + ticketTypeId).then().statusCode(422);
    }

    @Test
    void templateDataIsValidatedLikeTheEventFieldsItBecomes() {
        Team team = team();
        Map<String, Object> tooLong = Map.of(
                "description", "d".repeat(Limits.LONG_DESCRIPTION + 1),
                "venue", "v".repeat(Limits.NAME + 1),
                "cover_image", "c".repeat(Limits.URL + 1),
                "primary_color", "red",
                "ticket_types", List.of(Map.of("name", "n".repeat(Limits.SHORT_TEXT + 1), "price", 1)));
        tooLong.forEach((field, value) -> template(team, Map.of(field, value)).then().statusCode(422)
                .body("detail[0].loc", hasItems("body", "template_data")));
        template(team, Map.of("ticket_types", List.of(Map.of("name", "T", "price", 1, "capacity", -1)))).then().statusCode(422);
        template(team, Map.of("ticket_types", List.of(Map.of("price", 1)))).then().statusCode(422);
        template(team, Map.of("ticket_types", List.of(Map.of("name", "T", "price", 10, "is_early_bird", true,
                "early_bird_price", 20, "early_bird_ends", "2030-01-01T00:00:00Z")))).then().statusCode(400)
                .body("detail", equalTo("early_bird_price must be below price"));
        template(team, Map.of("ticket_types", ticketTypes(Limits.TICKET_TYPES + 1, "T", ""))).then().statusCode(422);
        template(team, Map.of("unknown", Map.of("$where", "1"), "venue", "Hall")).then().statusCode(201)
                .body("template.template_data", equalTo(Map.of("venue", "Hall")));
    }

    @Test
    void anEventHoldsAtMostFiftyTicketTypes() {
        Team team = team();
        String templateId = template(team, Map.of("ticket_types", ticketTypes(Limits.TICKET_TYPES, "T", ""))).then()
                .statusCode(201).extract().path("template._id");
        Map<String, Object> event = new HashMap<>(event(team.organizationId()));
        event.put("template_id", templateId);
        String eventId = team.organizer().call().body(event).post("/api/events").then().statusCode(201)
                .body("event.ticket_types", hasSize(Limits.TICKET_TYPES)).extract().path("event._id");
        team.organizer().call().body(Map.of("event_id", eventId, "name", "One more", "price", 1)).post("/api/ticket-types")
                .then().statusCode(400).body("detail", equalTo("An event has at most 50 ticket types"));
    }

    /**
     * The largest legal template (every field at its limit, in the characters JSON writes widest) and the event made
     * from it (fifty ticket types at their limits) are each published, record by record, also when deleted.
     */
    @Test
    void theLargestLegalAggregatesFitOneKafkaRecordEach() {
        Team team = team(5, "FREE");
        Map<String, Object> data = new HashMap<>();
        data.put("description", widest(Limits.LONG_DESCRIPTION));
        data.put("venue", widest(Limits.NAME));
        data.put("cover_image", widest(Limits.URL));
        data.put("logo", widest(Limits.URL));
        data.put("primary_color", "#1a2b3c");
        data.put("max_attendees", Limits.MAX_SEATS);
        data.put("is_virtual", false);
        data.put("require_approval", true);
        data.put("ticket_types", ticketTypes(Limits.TICKET_TYPES, widestName(Limits.SHORT_TEXT), widest(Limits.DESCRIPTION)));
        String templateId = team.organizer().call().body(Map.of("name", widestName(Limits.NAME), "description", widest(Limits.DESCRIPTION),
                        "category", widest(Limits.SHORT_TEXT), "organization_id", team.organizationId(), "template_data", data))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");

        Map<String, Object> event = new HashMap<>(event(team.organizationId()));
        event.put("name", widestName(Limits.NAME));
        event.put("address", widest(500));
        event.put("city", widest(Limits.SHORT_TEXT));
        event.put("country", widest(Limits.SHORT_TEXT));
        event.put("virtual_url", "https://example.com/" + "a".repeat(Limits.URL - 20));
        event.remove("description");
        event.remove("venue");
        event.put("template_id", templateId);
        String eventId = team.organizer().call().body(event).post("/api/events").then().statusCode(201)
                .body("event.ticket_types", hasSize(Limits.TICKET_TYPES)).extract().path("event._id");
        List<String> ticketTypeIds = team.organizer().call().get("/api/ticket-types/event/" + eventId).then().statusCode(200)
                .extract().path("ticket_types._id");
        team.organizer().call().delete("/api/events/" + eventId).then().statusCode(204);

        try (TopicProbe templates = new TopicProbe(AggregateType.TEMPLATE.topic());
                TopicProbe events = new TopicProbe(AggregateType.EVENT.topic());
                TopicProbe ticketTypes = new TopicProbe(AggregateType.TICKET_TYPE.topic())) {
            Duration wait = Duration.ofSeconds(30);
            await().atMost(wait).until(() -> !recordsOf(templates, templateId).isEmpty());
            int templateBytes = recordsOf(templates, templateId).get(0).value().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(templateBytes > 1024 * 1024, "the largest template needs more than Kafka's default 1 MiB: " + templateBytes);
            assertTrue(templateBytes < KafkaClients.MAX_RECORD_BYTES / 2, "no room to spare: " + templateBytes);
            await().atMost(wait).until(() -> recordsOf(events, eventId).size() == 2);
            String last = ticketTypeIds.get(ticketTypeIds.size() - 1);
            await().atMost(wait).until(() -> recordsOf(ticketTypes, last).size() == 2);
            assertEquals(Limits.TICKET_TYPES, ticketTypeIds.size());
        }
    }

    private static List<ConsumerRecord<String, String>> recordsOf(TopicProbe probe, String key) {
        return probe.records().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static io.restassured.response.Response template(Team team, Map<String, Object> data) {
        return team.organizer().call().body(Map.of("name", "T", "organization_id", team.organizationId(), "template_data", data))
                .post("/api/templates");
    }

    private static List<Map<String, Object>> ticketTypes(int count, String name, String description) {
        List<Map<String, Object>> ticketTypes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticketTypes.add(Map.of("name", name, "description", description, "price", 999_999.99, "capacity", Limits.MAX_SEATS,
                    "is_early_bird", true, "early_bird_price", 999_999.98, "early_bird_ends", "9999-12-31T23:59:59.999Z",
                    "sort_order", Integer.MIN_VALUE));
        }
        return ticketTypes;
    }

    private static String widest(int length) {
        return String.valueOf(WIDEST).repeat(length);
    }

    /** Names must not be blank, and control characters count as blank at their ends. */
    private static String widestName(int length) {
        return "N" + widest(length - 2) + "N";
    }
}
