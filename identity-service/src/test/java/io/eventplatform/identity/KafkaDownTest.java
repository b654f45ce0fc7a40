package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * With Kafka unreachable the service still serves: it stays ready (so Kubernetes keeps routing to it), says why in its
 * wellness check, and users can still register: their events wait in the outbox.
 */
@QuarkusTest
@TestProfile(KafkaDownTest.KafkaDown.class)
class KafkaDownTest {

    @Inject
    MongoClient mongo;

    @Test
    void staysReadyAndNamesKafkaInItsWellnessCheck() {
        long started = System.nanoTime();
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("kafka"))));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 5000, "readiness took " + elapsedMs + " ms");
        given().get("/q/health/live").then().statusCode(200).body("checks", empty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.data.error", startsWith("unreachable")));
    }

    @Test
    void registrationSucceedsAndItsEventWaitsInTheOutbox() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", "down-" + UUID.randomUUID() + "@example.com", "name", "D", "password", "securepassword123"))
                .post("/api/auth/register").then().statusCode(201).extract().path("user._id");
        Document stored = mongo.getDatabase("identity_kafka_down").getCollection("users")
                .find(new Document("_id", new ObjectId(id))).first();
        List<Document> outbox = stored.getList("outbox", Document.class);
        assertEquals(1, outbox.size());
        assertTrue(outbox.get(0).getString("payload").contains("\"type\":\"user.registered\""));
    }

    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnreachableKafka.class));
        }
    }

    public static class UnreachableKafka implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "quarkus.mongodb.connection-string", DevStackTestResource.mongoConnectionString(),
                    "quarkus.mongodb.database", "identity_kafka_down",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "quarkus.devservices.enabled", "false");
        }

        @Override
        public void stop() {
        }
    }
}
