package io.eventplatform.common.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class ErrorContractTest {

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser bearerTokens;

    /** Every service's bearer tokens go through the verifying cache (the security layer asks this parser). */
    @Test
    void bearerTokensAreParsedByTheVerifyingCache() {
        org.junit.jupiter.api.Assertions.assertInstanceOf(io.eventplatform.common.security.VerifiedTokens.class,
                io.quarkus.arc.ClientProxy.unwrap(bearerTokens));
    }


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
    void aStoreThatIsDownIs503WithRetryAfterNot500() {
        given().get("/test/errors/store-down").then().statusCode(503).header("Retry-After", "5")
                .body(equalTo("{\"detail\":\"Service temporarily unavailable, try again shortly\"}"));
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

    @Test
    void aValidBodyIsReadWithItsDatesAndValues() {
        given().contentType(ContentType.JSON).body("{\"name\":\"ok\",\"count\":2147483647,\"amount\":\"12.5\",\"starts_at\":\"9999-12-31T23:59:59Z\","
                + "\"color\":\"RED\",\"flag\":true,\"custom_fields\":{\"size\":\"M\",\"n\":1.5,\"tags\":[\"a\",null]},"
                + "\"items\":[{\"quantity\":0}]}")
                .post("/test/errors/input").then().statusCode(200)
                .body("count", equalTo(2147483647))
                .body("amount", equalTo(12.5f))
                .body("starts_at", equalTo("9999-12-31T23:59:59Z"))
                .body("custom_fields.tags", hasSize(2));
        given().contentType(ContentType.JSON).body("{\"starts_at\":\"1970-01-01T00:00:00\"}")
                .post("/test/errors/input").then().statusCode(200).body("starts_at", equalTo("1970-01-01T00:00:00Z"));
    }

    @Test
    void datesOutsideTheYears1970To9999Are422() {
        for (String date : List.of("+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z")) {
            given().contentType(ContentType.JSON).body(Map.of("starts_at", date)).post("/test/errors/input").then()
                    .statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "starts_at")))
                    .body("detail[0].msg", containsString("between the years 1970 and 9999"));
        }
    }

    @Test
    void aDuplicatedKeyIs422() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"name\":\"b\"}").post("/test/errors/input").then()
                .statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body")))
                .body("detail[0].msg", equalTo("invalid JSON body: duplicated key"));
        given().contentType(ContentType.JSON).body("{\"custom_fields\":{\"a\":1,\"a\":2}}").post("/test/errors/input").then()
                .statusCode(422).body("detail[0].msg", equalTo("invalid JSON body: duplicated key"));
    }

    @Test
    void valuesOutsideTheirTypeAre422NotWrappedOrCoerced() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"amount\":\"NaN\"}", "expected a number"),
                Map.entry("{\"amount\":\"Infinity\"}", "expected a number"),
                Map.entry("{\"amount\":1e400}", "expected a number"),
                Map.entry("{\"amount\":\"12.5x\"}", "expected a number"),
                Map.entry("{\"count\":4294967295}", "number out of range"),
                Map.entry("{\"count\":99999999999999999999999}", "number out of range"),
                Map.entry("{\"count\":1.5}", "expected a whole number"),
                Map.entry("{\"name\":12}", "expected text"),
                Map.entry("{\"name\":{\"$gt\":\"\"}}", "expected text"),
                Map.entry("{\"color\":1}", "expected one of RED, GREEN"),
                Map.entry("{\"flag\":\"maybe\"}", "expected true or false"),
                Map.entry("{\"items\":{}}", "expected a list"));
        refused.forEach((body, message) -> given().contentType(ContentType.JSON).body(body).post("/test/errors/input").then()
                .statusCode(422).body("detail[0].msg", equalTo(message)));
        given().contentType(ContentType.JSON).body("{\"items\":[{\"quantity\":1},{\"quantity\":-1}]}").post("/test/errors/input")
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "items", 1, "quantity")));
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(11) + "\"}").post("/test/errors/input")
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "name")));
    }

    @Test
    void deepNestingAndInvalidJsonAre422() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        for (String body : List.of("{\"custom_fields\":{\"a\":" + deep + "}}", "{\"unknown\":" + deep + "}", "{", "{\"name\":}", "[]", "nul")) {
            given().contentType(ContentType.JSON).body(body).post("/test/errors/input").then().statusCode(422)
                    .body("detail[0].loc[0]", equalTo("body"));
        }
    }

    @Test
    void freeFormFieldsHoldOnlyWhatEveryStoreAndTopicAccepts() {
        Map<String, Object> tooMany = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("f" + i, i);
        }
        List<String> refused = List.of(
                "{\"$where\":\"1\"}", "{\"a.b\":1}", "{\"\":1}", "{\"nul\\u0000\":1}", "{\"" + "k".repeat(101) + "\":1}",
                "{\"n\":1e400}", "{\"n\":100000000000000000000}", "{\"s\":\"" + "x".repeat(10_001) + "\"}",
                "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "{\"a\":[{\"$gt\":1}]}");
        for (String fields : refused) {
            given().contentType(ContentType.JSON).body("{\"custom_fields\":" + fields + "}").post("/test/errors/input").then()
                    .statusCode(422).body("detail[0].loc", equalTo(List.of("body", "custom_fields")));
        }
        given().contentType(ContentType.JSON).body(Map.of("custom_fields", tooMany)).post("/test/errors/input").then()
                .statusCode(422).body("detail[0].msg", equalTo("at most 50 entries"));
        given().contentType(ContentType.JSON).body("{\"custom_fields\":{\"a\":{\"b\":{\"c\":[1]}},\"t\":\"\\u0000 is fine in a value\"}}")
                .post("/test/errors/input").then().statusCode(200);
    }
}
