package io.eventplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(StubUpstream.class)
class GatewayTest {

    @Test
    void servesTheProbesTheHelmChartUses() {
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void rootAnswersLikeThePrototype() {
        given().get("/").then().statusCode(200)
                .body("message", equalTo("Event Management System API"))
                .body("version", equalTo("1.0.0"))
                .body("docs", equalTo("/docs"));
    }

    @Test
    void servesTheDoorAppRevalidatedOnEveryLoad() {
        given().redirects().follow(false).get("/door").then().statusCode(302).header("Location", endsWith("/door/"));
        given().get("/door/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", equalTo("no-cache")).body(containsString("<title>Door</title>"));
        given().get("/door/sw.js").then().statusCode(200).header("Cache-Control", equalTo("no-cache"))
                .body(containsString("const CACHE = 'door-"), not(containsString("__VERSION__")), not(containsString("__FILES__")));
        given().get("/door/vendor/qr-scanner-worker.min.js").then().statusCode(200);
        given().get("/door/missing.js").then().statusCode(404);
    }

    @Test
    void healthNamesTheUpstreamsAndDependenciesThatAreDown() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.identity-service", equalTo("up"))
                .body("services.org-service", equalTo("down"))
                .body("dependencies.kafka", equalTo("down"))
                .body("unavailable", containsInAnyOrder("org-service", "event-service", "registration-service",
                        "analytics-service", "kafka"));
    }

    @Test
    void proxiesMethodPathQueryBodyAndAuthorization() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer abc.def.ghi")
                .body("{\"email\":\"a@b.co\"}")
                .post("/api/auth/register/created?x=1").then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/auth/register/created?x=1"))
                .body("body", equalTo("{\"email\":\"a@b.co\"}"))
                .body("headers.authorization", equalTo("Bearer abc.def.ghi"));
        given().get("/api/auth").then().statusCode(200).body("uri", equalTo("/api/auth"));
    }

    @Test
    void requestIdIsAddedPropagatedAndReturned() {
        String generated = given().get("/api/auth/me").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        given().get("/api/auth/me").then().body("headers.x-request-id", not(equalTo(generated)));
        given().header("X-Request-Id", "trace-42").get("/api/auth/me").then().statusCode(200)
                .header("X-Request-Id", "trace-42")
                .body("headers.x-request-id", equalTo("trace-42"));
    }

    @Test
    void anAbsentServiceIs503AtOnce() {
        long started = System.nanoTime();
        given().get("/api/organizations").then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("org-service is unavailable"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 1500, "503 was not immediate");
        given().get("/api/ticket-types/event/x").then().statusCode(503).body("detail", equalTo("event-service is unavailable"));
        given().get("/api/analytics/dashboard").then().statusCode(503).body("detail", equalTo("analytics-service is unavailable"));
    }

    @Test
    void aSlowServiceIs504() {
        given().get("/api/auth/slow").then().statusCode(504)
                .body("detail", equalTo("identity-service did not answer in time"));
    }

    @Test
    void internalPathsAndPathTraversalAreNotReachable() {
        given().get("/internal/memberships").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/auth/../internal/memberships").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/auth/%2e%2e/%2e%2e/internal/memberships").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/auth/x/%2Finternal%2Fmemberships").then().statusCode(404);
        given().get("/api/unknown").then().statusCode(404);
    }

    /** No origins listed: any origin may call, never with credentials. */
    @Test
    void corsAllowsAnyOriginWithoutCredentials() {
        String origin = "https://random-" + System.nanoTime() + ".example.net";
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/auth/login").then().statusCode(200)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
        given().header("Origin", origin).get("/api/auth/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void docsShowTheCombinedOpenApi() {
        given().get("/openapi.json").then().statusCode(200)
                .body("paths", hasKey("/api/auth/register"))
                .body("components.schemas", hasKey("UserView"))
                .body("x-unavailable-services", hasItem("org-service"));
        given().get("/docs/").then().statusCode(200).contentType(containsString("text/html"));
    }
}
