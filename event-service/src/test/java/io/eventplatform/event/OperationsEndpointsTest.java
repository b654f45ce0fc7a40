package io.eventplatform.event;

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
    void servesTheProbesMetricsAndOpenApi() {
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem(containsString("MongoDB")))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("kafka"))));
        given().get("/q/metrics").then().statusCode(200).body(containsString("consumer_records_applied_total"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/events"))
                .body("paths", hasKey("/api/events/public/{slug}"))
                .body("paths", hasKey("/api/ticket-types/event/{eventId}"))
                .body("paths", hasKey("/api/templates"));
    }
}
