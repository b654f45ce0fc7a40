package io.eventplatform.e2e.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.Suite;
import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** register → login (both forms) → me → patch me, through the gateway only. */
class AuthFlowIT extends SuiteIT {

    private static final String PASSWORD = "e2e-Secret-pass-4711";

    @Test
    void registerLoginMeAndPatchMe() {
        String email = uniqueEmail("flow");
        Response registered = registerUser(email, "Jane Doe", PASSWORD);
        registered.then().statusCode(201)
                .body("user._id", matchesPattern("[0-9a-f]{24}"))
                .body("user.email", equalTo(email))
                .body("user.name", equalTo("Jane Doe"))
                .body("user.email_verified", equalTo(false))
                .body("user.created_at", endsWith("Z"))
                .body("user", not(hasKey("password_hash")))
                .body("token_type", equalTo("bearer"));
        String id = registered.path("user._id");

        String queryToken = given().queryParam("email", email).queryParam("password", PASSWORD)
                .post("/api/auth/login").then().statusCode(200)
                .body("user._id", equalTo(id)).body("token_type", equalTo("bearer"))
                .extract().path("access_token");
        String jsonToken = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200)
                .body("user._id", equalTo(id))
                .extract().path("access_token");

        given().auth().oauth2(queryToken).get("/api/auth/me").then().statusCode(200)
                .body("user._id", equalTo(id)).body("user.email", equalTo(email));
        given().auth().oauth2(jsonToken).contentType(ContentType.JSON).body(Map.of("name", "Jane Smith", "phone", "+1234567890"))
                .patch("/api/auth/me").then().statusCode(200)
                .body("user.name", equalTo("Jane Smith")).body("user.phone", equalTo("+1234567890"));
        given().auth().oauth2(queryToken).get("/api/auth/me").then().statusCode(200)
                .body("user.name", equalTo("Jane Smith"));
    }

    @Test
    void wrongPasswordAndMissingTokenAre401() {
        String email = uniqueEmail("deny");
        registerUser(email, "D", PASSWORD).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "not-the-password"))
                .post("/api/auth/login").then().statusCode(401).body("detail", equalTo("Incorrect email or password"));
        given().get("/api/auth/me").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void requestIdRoundTrip() {
        given().header("X-Request-Id", "e2e-request-7").get("/api/auth/me").then().statusCode(401)
                .header("X-Request-Id", "e2e-request-7");
        given().get("/").then().statusCode(200).header("X-Request-Id", not(emptyOrNullString()))
                .body("message", equalTo("Event Management System API"));
    }

    @Test
    void aRouteWhoseServiceIsAbsentIs503() {
        given().get(Suite.ABSENT_PREFIX + "/anything").then().statusCode(503)
                .body("detail", equalTo("absent-service is unavailable"));
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.identity-service", equalTo("up"))
                .body("unavailable", hasItem("absent-service"));
    }

    @Test
    void passwordsNeverReachALog() throws Exception {
        String email = uniqueEmail("logs");
        registerUser(email, "L", PASSWORD).then().statusCode(201);
        given().queryParam("email", email).queryParam("password", PASSWORD).post("/api/auth/login").then().statusCode(200);
        for (String process : new String[] { "gateway", "identity-service", "devstack" }) {
            assertFalse(Files.readString(suite.log(process)).contains(PASSWORD), "password in the " + process + " log");
        }
    }

    @Test
    void internalEndpointsAreNotReachableThroughTheGateway() {
        given().get("/internal/memberships").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/auth/%2e%2e/%2e%2e/internal/memberships").then().statusCode(404);
    }
}
