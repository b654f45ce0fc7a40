package io.eventplatform.e2e.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;

import io.eventplatform.devstack.Mailbox;

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

    /**
     * A token of the suite's platform administrator, whichever test made the account first: administrator powers
     * need a verified email, so the account verifies the code from the suite's mailbox once.
     */
    protected static String platformAdminToken() {
        registerUser(Suite.PLATFORM_ADMIN_EMAIL, "Platform Admin", PLATFORM_ADMIN_PASSWORD);
        Response login = adminLogin();
        if (!Boolean.TRUE.equals(login.path("user.email_verified"))) {
            java.util.Optional<String> secret = await().atMost(Duration.ofSeconds(20)).until(
                    () -> Suite.get().mailbox().latest(Suite.PLATFORM_ADMIN_EMAIL, "Confirm").flatMap(Mailbox.Message::token),
                    java.util.Optional::isPresent);
            RestAssured.given().auth().oauth2((String) login.path("access_token")).contentType(ContentType.JSON)
                    .body(java.util.Map.of("token", secret.orElseThrow())).post("/api/auth/verify-email")
                    .then().statusCode(200);
            login = adminLogin();
        }
        return login.path("access_token");
    }

    private static Response adminLogin() {
        return RestAssured.given().contentType(ContentType.JSON)
                .body(java.util.Map.of("email", Suite.PLATFORM_ADMIN_EMAIL, "password", PLATFORM_ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().response();
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID() + "@example.com";
    }
}
