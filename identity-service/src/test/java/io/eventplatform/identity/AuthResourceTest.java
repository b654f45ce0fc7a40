package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class AuthResourceTest {

    @Test
    void registerReturnsTheDocumentedShape() {
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"Jane@Example.com\",\"name\":\"Jane Doe\",\"password\":\"securepassword123\"}")
                .when().post("/api/auth/register")
                .then().log().ifValidationFails()
                .statusCode(201)
                .body("user._id", matchesPattern("[0-9a-f]{24}"))
                .body("user.email", equalTo("jane@example.com"))
                .body("user.name", equalTo("Jane Doe"))
                .body("user.email_verified", equalTo(false))
                .body("user.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"))
                .body("user", not(hasKey("password_hash")))
                .body("token_type", equalTo("bearer"))
                .body("access_token", not(emptyOrNullString()));
    }
}
