package io.eventplatform.common.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class ErrorContractTest {

    private static final String VALID_ID = "65f1a2b3c4d5e6f708192a3b";

    @Test
    void businessRuleViolationIs400WithDetail() {
        given().get("/test/errors/business").then().statusCode(400)
                .body(equalTo("{\"detail\":\"Ticket type sold out\"}"));
    }

    @Test
    void machineReadableMembersStandBesideTheDetail() {
        given().get("/test/errors/with-reason").then().statusCode(400)
                .body("detail", equalTo("Registration is not paid"))
                .body("reason", equalTo("unpaid"));
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        given().header("X-Request-Id", "req-123").get("/test/errors/unexpected").then().statusCode(500)
                .body(equalTo("{\"detail\":\"Internal server error\"}"));
    }

    @Test
    void malformedPathIdIs404AndValidOneWorks() {
        given().get("/test/errors/things/abc").then().statusCode(404).body("detail", equalTo("Thing not found"));
        given().get("/test/errors/things/" + VALID_ID).then().statusCode(200).body(equalTo(VALID_ID));
    }

    @Test
    void malformedQueryIdAndOutOfRangePaginationAre422() {
        given().queryParam("owner_id", "(").get("/test/errors/things").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "owner_id")));
        given().queryParam("owner_id", VALID_ID).queryParam("limit", 1000).get("/test/errors/things").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "limit")));
        given().queryParam("owner_id", VALID_ID).queryParam("page", 0).get("/test/errors/things").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "page")));
        given().queryParam("owner_id", VALID_ID).queryParam("page", "two").get("/test/errors/things").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "page")));
        given().queryParam("owner_id", VALID_ID).queryParam("page", "21474838").get("/test/errors/things").then().statusCode(422);
        given().queryParam("owner_id", VALID_ID).queryParam("size", 11).get("/test/errors/things").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "size")))
                .body("detail[0].type", equalTo("value_error"));
        given().queryParam("owner_id", VALID_ID).queryParam("page", 3).queryParam("limit", 10).get("/test/errors/things")
                .then().statusCode(200).body(equalTo(VALID_ID + ":20"));
    }

    @Test
    void missingTokenIs401WithBearerChallenge() {
        given().get("/test/errors/private").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body(equalTo("{\"detail\":\"Not authenticated\"}"));
    }

    @Test
    void unknownRouteAndWrongMethodAnswerWithDetail() {
        given().get("/test/errors/none").then().statusCode(404).body("detail", notNullValue());
        given().delete("/test/errors/business").then().statusCode(405).body("detail", notNullValue());
    }

    @Test
    void jsonUsesSnakeCaseHexIdsAndUtcZ() {
        given().get("/test/errors/json").then().statusCode(200)
                .body("_id", equalTo(VALID_ID))
                .body("created_at", equalTo("2024-02-10T12:00:00.123Z"))
                .body("some_long_name", equalTo("x"));
    }
}
