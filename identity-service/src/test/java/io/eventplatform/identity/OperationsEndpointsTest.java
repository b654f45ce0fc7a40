package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class OperationsEndpointsTest {

    @Test
    void healthReportsMongoAndKafka() {
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("MongoDB"), containsString("Kafka")));
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
