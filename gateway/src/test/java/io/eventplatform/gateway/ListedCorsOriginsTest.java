package io.eventplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With its frontends listed, the gateway allows only them, and them with credentials. */
@QuarkusTest
@TestProfile(ListedCorsOriginsTest.ListedOrigins.class)
class ListedCorsOriginsTest {

    private static final String FRONTEND = "https://app.example.com";

    @Test
    void aListedOriginGetsCredentialsAnotherNothing() {
        given().header("Origin", FRONTEND).header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Allow-Credentials", "true");
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    public static class ListedOrigins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", FRONTEND);
        }
    }
}
