package io.eventplatform.e2e.support;

import org.junit.jupiter.api.BeforeAll;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Base of every system test: the running suite, reached only through the gateway. Each service issue adds its
 * flows as {@code io.eventplatform.e2e.<service>.*IT} classes extending this, using the helpers below.
 */
public abstract class SuiteIT {

    protected static Suite suite;

    @BeforeAll
    static void startSuite() {
        suite = Suite.get();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = suite.gatewayPort();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Registers a new user through the gateway and returns the response ({@code user}, {@code access_token}). */
    protected static Response registerUser(String email, String name, String password) {
        return RestAssured.given().contentType(ContentType.JSON)
                .body(java.util.Map.of("email", email, "name", name, "password", password))
                .post("/api/auth/register");
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID() + "@example.com";
    }
}
