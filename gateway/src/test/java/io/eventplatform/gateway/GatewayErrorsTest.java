package io.eventplatform.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(StubUpstream.class)
class GatewayErrorsTest {

    @Test
    void aMalformedPercentEscapeIs400WithDetail() throws IOException {
        for (String target : List.of("/api/auth/%zz", "/api/auth/me?q=%2", "/%", "/api/auth/me?q=a|b")) {
            String response = rawGet(target);
            assertTrue(response.startsWith("HTTP/1.1 400"), target + " -> " + response);
            assertTrue(response.contains("application/json"), response);
            assertTrue(response.contains("{\"detail\":\"Malformed URL: not a valid URI"), response);
        }
        given().urlEncodingEnabled(false).get("/api/auth/me?q=%2F%41").then().statusCode(200);
    }

    @Test
    void aTenKilobyteUriIs414WithDetail() {
        given().urlEncodingEnabled(false).get("/api/auth/me?q=" + "a".repeat(10_000)).then().statusCode(414)
                .contentType(ContentType.JSON).body("detail", containsString("URI too long"));
        given().urlEncodingEnabled(false).get("/api/auth/me?q=" + "a".repeat(3_900)).then().statusCode(200);
    }

    /** Clients refuse to send a malformed request target, so this one is written by hand. */
    private static String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anUnknownPathIs404WithDetail() {
        given().get("/api/unknown").then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not Found"));
        given().get("/nothing/here").then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not Found"));
    }
}
