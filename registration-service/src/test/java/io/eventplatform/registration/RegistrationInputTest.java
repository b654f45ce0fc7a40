package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A registration's free-form parts are bounded by what the store, analytics and one Kafka record hold. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class RegistrationInputTest {

    @Inject
    MongoClient mongo;

    @Test
    void aSourceHasNoControlCharactersAndCustomFieldsHoldOnlyStorableValues() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(10, null);
        Built event = builder.build();
        for (String source : List.of("", "web\u0000", "line\nbreak", "x".repeat(51))) {
            Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());
            body.put("source", source);
            caller().call().body(body).post("/api/registrations").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "source")));
        }
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i <= Limits.FREE_FORM_ENTRIES; i++) {
            tooMany.put("field_" + i, i);
        }
        for (String fields : List.of("{\"nul\\u0000\":1}", "{\"a.b\":1}", "{\"n\":1e400}", "{\"n\":1180591620717411303424}",
                "{\"list\":[{\"$gt\":\"\"}]}", "{\"" + "k".repeat(Limits.FREE_FORM_KEY + 1) + "\":1}")) {
            caller().call().body("{\"event_id\":\"" + event.eventId() + "\",\"ticket_type_id\":\"" + ticket
                            + "\",\"first_name\":\"Jane\",\"last_name\":\"Smith\",\"email\":\"" + uniqueEmail() + "\",\"custom_fields\":" + fields + "}")
                    .post("/api/registrations").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "custom_fields")));
        }
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());
        body.put("custom_fields", tooMany);
        caller().call().body(body).post("/api/registrations").then().statusCode(422);
        assertEquals(0, mongo.getDatabase("registration").getCollection("registrations")
                .countDocuments(new Document("event_id", event.eventId())));

        body.put("source", "news.example.com/$spring 2024-édition");
        body.put("custom_fields", Map.of("t_shirt_size", "M", "answers", List.of("a", 1, true), "nested", Map.of("ok", 1.5)));
        caller().call().body(body).post("/api/registrations").then().statusCode(201)
                .body("registration.source", equalTo("news.example.com/$spring 2024-édition"))
                .body("registration.custom_fields.answers", hasSize(3));
    }

    /** Every free-form character at its limit, in the characters JSON writes widest, is still published. */
    @Test
    void theLargestLegalRegistrationIsPublished() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(10, null);
        Built event = builder.build();
        Map<String, Object> fields = new HashMap<>();
        int valueLength = Limits.FREE_FORM_CHARS / Limits.FREE_FORM_ENTRIES - 7;
        for (int i = 0; i < Limits.FREE_FORM_ENTRIES; i++) {
            fields.put(String.format("f%02d", i), "\u0001".repeat(valueLength));
        }
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());
        body.put("custom_fields", fields);
        body.put("first_name", "J" + "\u0001".repeat(98) + "J");
        body.put("company", "\u0001".repeat(Limits.SHORT_TEXT));
        String id = caller().call().body(body).post("/api/registrations").then().statusCode(201).extract().path("registration._id");
        try (TopicProbe registrations = new TopicProbe(AggregateType.REGISTRATION.topic())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !registrations.eventsFor(id).isEmpty());
            assertEquals(Limits.FREE_FORM_ENTRIES, registrations.eventsFor(id).get(0).data().get("custom_fields").size());
        }
    }
}
