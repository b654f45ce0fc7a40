package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Crash-proof idempotency: the key and the registration it made are one write. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class IdempotencyKeyTest {

    @Inject
    MongoClient mongo;

    private MongoCollection<Document> registrations() {
        return mongo.getDatabase("registration").getCollection("registrations");
    }

    private long stored(String eventId) {
        return registrations().countDocuments(new Document("event_id", eventId));
    }

    @Test
    void aRequestThatDiedRightAfterStoringItsRegistrationIsAnsweredWithItOnRetry() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 1);
        Built event = builder.build();
        Caller attendee = caller();
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());

        FaultyRegistrationRepository.CRASH_AFTER_STORING.add(event.eventId());
        attendee.call().header("Idempotency-Key", "checkout-1").body(body).post("/api/registrations").then().statusCode(500);
        assertEquals(1, stored(event.eventId()));

        // The only seat is the stored registration's: the retry is answered from it, not refused as sold out.
        String retried = attendee.call().header("Idempotency-Key", "checkout-1").body(body).post("/api/registrations")
                .then().statusCode(201).extract().asString();
        String id = JsonPath.from(retried).getString("registration._id");
        assertEquals(attendee.call().get("/api/registrations/" + id).then().statusCode(200).extract().asString(), retried);
        assertEquals(retried, attendee.call().header("Idempotency-Key", "checkout-1").body(body).post("/api/registrations")
                .then().statusCode(201).extract().asString());
        assertEquals(1, stored(event.eventId()));
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOneRegistrationAndGiveTheOtherSeatsBack() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 16);
        Built event = builder.build();
        Caller attendee = caller();
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());

        List<String> answers = Parallel.run(16, i -> attendee.call().header("Idempotency-Key", "one-checkout").body(body)
                .post("/api/registrations").then().statusCode(201).extract().asString());
        assertEquals(1, Set.copyOf(answers).size());
        assertEquals(1, stored(event.eventId()));
        for (int i = 0; i < 15; i++) {
            registerSomeone(event, ticket).statusCode(201);
        }
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
    }

    @Test
    void aKeyIsTheCallersAndLastsADay() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        String first = attendee.call().header("Idempotency-Key", "daily").body(registration(event.eventId(), ticket, uniqueEmail()))
                .post("/api/registrations").then().statusCode(201).extract().path("registration._id");
        String someoneElses = caller().call().header("Idempotency-Key", "daily").body(registration(event.eventId(), ticket, uniqueEmail()))
                .post("/api/registrations").then().statusCode(201).extract().path("registration._id");
        assertNotEquals(first, someoneElses);

        registrations().updateOne(new Document("_id", new org.bson.types.ObjectId(first)),
                new Document("$set", new Document("created_at", Date.from(Clocks.now().minus(Duration.ofHours(25))))));
        String nextDay = attendee.call().header("Idempotency-Key", "daily").body(registration(event.eventId(), ticket, uniqueEmail()))
                .post("/api/registrations").then().statusCode(201).extract().path("registration._id");
        assertNotEquals(first, nextDay);
        assertEquals(nextDay, attendee.call().header("Idempotency-Key", "daily")
                .body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).extract().path("registration._id"));
        assertEquals(3, stored(event.eventId()));
    }

    @Test
    void aKeyWhoseRequestWasRefusedCanBeRetried() {
        EventBuilder builder = new EventBuilder().status("DRAFT");
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());
        attendee.call().header("Idempotency-Key", "early").body(body).post("/api/registrations").then().statusCode(400);
        builder.status("PUBLISHED").version(2).build();
        attendee.call().header("Idempotency-Key", "early").body(body).post("/api/registrations").then().statusCode(201);
        attendee.call().header("Idempotency-Key", "x".repeat(201)).body(body).post("/api/registrations").then().statusCode(422);
        assertEquals(1, stored(event.eventId()));
    }
}
