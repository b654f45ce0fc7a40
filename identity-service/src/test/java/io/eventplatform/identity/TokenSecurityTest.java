package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.testing.Tokens;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class TokenSecurityTest {

    private Response registered() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", "tok-" + UUID.randomUUID() + "@example.com", "name", "T", "password", "securepassword123"))
                .post("/api/auth/register");
    }

    private void assertRejected(String token) {
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Could not validate credentials"));
    }

    @Test
    void noTokenIs401WithBearerChallenge() {
        given().get("/api/auth/me").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Not authenticated"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/api/auth/me").then().statusCode(401);
    }

    @Test
    void forgedExpiredWrongAudienceAndGarbageTokensAre401() {
        Response user = registered();
        String id = user.path("user._id");
        String email = user.path("user.email");
        assertRejected(Tokens.forged(id, email));
        assertRejected(Tokens.expired(id, email));
        assertRejected(Tokens.wrongAudience(id, email));
        assertRejected("not-a-jwt");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void aValidTestTokenForAnExistingUserIsAccepted() {
        Response user = registered();
        String id = user.path("user._id");
        given().auth().oauth2(Tokens.valid(id, user.path("user.email"))).get("/api/auth/me")
                .then().statusCode(200).body("user._id", equalTo(id));
    }

    @Test
    void aValidTokenForAUserThatDoesNotExistIs401() {
        given().auth().oauth2(Tokens.valid("0123456789abcdef01234567", "ghost@example.com")).get("/api/auth/me")
                .then().statusCode(401).body("detail", equalTo("Could not validate credentials"));
    }

    @Test
    void issuedTokensCarryTheDocumentedClaims() {
        Response user = registered();
        String token = user.path("access_token");
        String[] parts = token.split("\\.");
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        org.junit.jupiter.api.Assertions.assertTrue(header.contains("\"RS256\""), header);
        org.junit.jupiter.api.Assertions.assertTrue(claims.contains("\"sub\":\"" + user.path("user._id") + "\""), claims);
        org.junit.jupiter.api.Assertions.assertTrue(claims.contains("\"aud\":\"event-platform\""), claims);
        org.junit.jupiter.api.Assertions.assertTrue(claims.contains("\"iss\":\"https://eventplatform.io/identity\""), claims);
        org.junit.jupiter.api.Assertions.assertTrue(claims.contains("\"exp\":"), claims);
        org.junit.jupiter.api.Assertions.assertTrue(claims.contains("\"email\":\"" + user.path("user.email") + "\""), claims);
    }
}
