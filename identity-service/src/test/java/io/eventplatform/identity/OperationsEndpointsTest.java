package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class OperationsEndpointsTest {

    /** Readiness is the store (without it nothing can be served); Kafka, which the outbox waits out, is wellness. */
    @Test
    void healthReportsMongoForReadinessAndKafkaForWellness() {
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP")).body("checks", empty());
        given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("kafka"))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP")));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("outbox_published_total"));
    }

    @Test
    void openApiDocumentsTheAuthEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/auth/register"))
                .body("paths", hasKey("/api/auth/login"))
                .body("paths", hasKey("/api/auth/me"));
    }

    @Test
    void unknownPathsAnswerWithTheErrorContract() {
        given().get("/api/auth/nope").then().statusCode(404).body("detail", not(emptyOrNullString()));
    }
}
