package io.eventplatform.e2e.registration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;

/** Capacity holds with two replicas of registration-service taking registrations at once on one store. */
class CapacityAcrossReplicasIT extends SuiteIT {

    @Test
    void fourHundredRegistrationsOnTwoReplicasForCapacityHundredMakeExactlyHundred() throws Exception {
        String replica = suite.startReplica("registration-service");
        String organizer = registerUser(uniqueEmail("organizer"), "Olga", "capacity-test").then().statusCode(201).extract().path("access_token");
        String attendee = registerUser(uniqueEmail("attendee"), "Ada", "capacity-test").then().statusCode(201).extract().path("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EventSetup setup = createEvent(organizer, "Rush", "GA", 100);
        publish(organizer, setup.eventId());
        String event = setup.eventId();
        String ticketType = setup.ticketTypeId();

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String base = i % 2 == 0 ? "" : replica;
            Map<String, Object> body = Map.of("event_id", event, "ticket_type_id", ticketType, "first_name", "A", "last_name", "B",
                    "email", "rush-" + i + "-" + suffix + "@example.com");
            Callable<Integer> call = () -> {
                start.await();
                return as(attendee).body(body).post(base + "/api/registrations").statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        for (Future<Integer> result : results) {
            int status = result.get();
            created += status == 201 ? 1 : 0;
            refused += status == 400 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(100, created);
        assertEquals(300, refused);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ticket-types/" + ticketType).then().body("ticket_type.sold_count", equalTo(100)));
    }
}
