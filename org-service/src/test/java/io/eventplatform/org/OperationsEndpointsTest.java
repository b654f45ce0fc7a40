package io.eventplatform.org;

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
        given().get("/q/metrics").then().statusCode(200).body(containsString("outbox_published_total"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/organizations"))
                .body("paths", hasKey("/api/organizations/{organizationId}/members"))
                .body("paths", not(hasKey("/internal/memberships/{organizationId}/{userId}")));
    }
}
