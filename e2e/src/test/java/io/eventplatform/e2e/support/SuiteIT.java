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

    private static final String PLATFORM_ADMIN_PASSWORD = "platform-admin-password";

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

    /** A token of the suite's platform administrator, whichever test made the account first. */
    protected static String platformAdminToken() {
        Response registered = registerUser(Suite.PLATFORM_ADMIN_EMAIL, "Platform Admin", PLATFORM_ADMIN_PASSWORD);
        if (registered.statusCode() == 201) {
            return registered.path("access_token");
        }
        return RestAssured.given().contentType(ContentType.JSON)
                .body(java.util.Map.of("email", Suite.PLATFORM_ADMIN_EMAIL, "password", PLATFORM_ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID() + "@example.com";
    }
}
