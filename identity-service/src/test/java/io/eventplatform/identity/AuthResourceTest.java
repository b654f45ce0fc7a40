package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.testing.Parallel;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AuthResourceTest {

    @Inject
    MongoClient mongo;

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static Response register(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Jane Doe", "password", password))
                .post("/api/auth/register");
    }

    @Test
    void registerReturnsTheDocumentedShape() {
        String email = uniqueEmail();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase(), "name", "Jane Doe", "password", "securepassword123",
                        "phone", "+1234567890", "avatar", "https://example.com/avatar.jpg"))
                .when().post("/api/auth/register")
                .then().statusCode(201)
                .body("user._id", matchesPattern("[0-9a-f]{24}"))
                .body("user.email", equalTo(email))
                .body("user.name", equalTo("Jane Doe"))
                .body("user.phone", equalTo("+1234567890"))
                .body("user.avatar", equalTo("https://example.com/avatar.jpg"))
                .body("user.email_verified", equalTo(false))
                .body("user.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"))
                .body("user", not(hasKey("password_hash")))
                .body("user", not(hasKey("password")))
                .body("user", not(hasKey("outbox")))
                .body("token_type", equalTo("bearer"))
                .body("access_token", not(emptyOrNullString()));
    }

    @Test
    void storedUserHasSnakeCaseFieldsAndABcryptHash() {
        String email = uniqueEmail();
        String id = register(email, "securepassword123").then().statusCode(201).extract().path("user._id");
        Document stored = mongo.getDatabase("identity").getCollection("users").find(new Document("_id", new ObjectId(id))).first();
        assertNotNull(stored);
        assertEquals(email, stored.getString("email"));
        assertEquals(true, String.valueOf(stored.getString("password_hash")).startsWith("$2"), stored.toJson());
        assertNotNull(stored.getDate("created_at"));
        assertFalse(stored.containsKey("createdAt"));
    }

    @Test
    void emailIsUniqueCaseInsensitively() {
        String email = uniqueEmail();
        register(email, "securepassword123").then().statusCode(201);
        register(email.toUpperCase(), "anotherpassword1")
                .then().statusCode(400).body("detail", equalTo("Email already registered"));
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneUser() throws Exception {
        String email = uniqueEmail();
        List<Integer> statuses = Parallel.run(12, i -> register(email, "securepassword123").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(11, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(1, mongo.getDatabase("identity").getCollection("users").countDocuments(new Document("email", email)));
    }

    @Test
    void invalidRegistrationsAre422WithFastApiStyleDetailsAndWriteNothing() {
        long before = mongo.getDatabase("identity").getCollection("users").countDocuments();
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-email", "name", "X", "password", "securepassword123"))
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "email")))
                .body("detail[0].msg", equalTo("value is not a valid email address"))
                .body("detail[0].type", equalTo("value_error"));
        given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail(), "name", "X", "password", "short"))
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "password")));
        given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail(), "password", "securepassword123"))
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "name")));
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc[0]", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"email\": [1], \"name\": \"X\", \"password\": \"securepassword123\"}")
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "email")));
        given().contentType(ContentType.JSON)
                .post("/api/auth/register").then().log().ifValidationFails().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body")));
        assertEquals(before, mongo.getDatabase("identity").getCollection("users").countDocuments());
    }

    @Test
    void loginWorksWithQueryParametersAndWithAJsonBody() {
        String email = uniqueEmail();
        String id = register(email, "securepassword123").then().statusCode(201).extract().path("user._id");
        given().queryParam("email", email).queryParam("password", "securepassword123")
                .post("/api/auth/login").then().statusCode(200)
                .body("user._id", equalTo(id))
                .body("user.last_login_at", notNullValue())
                .body("token_type", equalTo("bearer"))
                .body("access_token", not(emptyOrNullString()));
        given().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase(), "password", "securepassword123"))
                .post("/api/auth/login").then().statusCode(200)
                .body("user._id", equalTo(id));
        given().queryParam("email", email).queryParam("password", "securepassword123").contentType(ContentType.JSON).body("{}")
                .post("/api/auth/login").then().statusCode(200).body("user._id", equalTo(id));
        Document stored = mongo.getDatabase("identity").getCollection("users").find(new Document("_id", new ObjectId(id))).first();
        assertNotNull(stored.getDate("last_login_at"));
    }

    @Test
    void failedLoginIsTheSame401WhetherOrNotTheEmailExists() {
        String email = uniqueEmail();
        register(email, "securepassword123").then().statusCode(201);
        String wrongPassword = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrongpassword"))
                .post("/api/auth/login").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .extract().asString();
        String unknownEmail = given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail(), "password", "wrongpassword"))
                .post("/api/auth/login").then().statusCode(401).extract().asString();
        assertEquals(wrongPassword, unknownEmail);
        assertEquals("{\"detail\":\"Incorrect email or password\"}", unknownEmail);
        given().post("/api/auth/login").then().statusCode(422).body("detail[0].loc", equalTo(List.of("query", "email")));
    }

    @Test
    void meAndPatchMe() {
        String email = uniqueEmail();
        Response registered = register(email, "securepassword123");
        String token = registered.path("access_token");
        String id = registered.path("user._id");
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                .body("user._id", equalTo(id))
                .body("user.email", equalTo(email))
                .body("user.name", equalTo("Jane Doe"))
                .body("user", not(hasKey("password_hash")));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Jane Smith", "phone", "+44 20 7946 0000", "avatar", "https://example.com/j.png"))
                .patch("/api/auth/me").then().statusCode(200)
                .body("user.name", equalTo("Jane Smith"))
                .body("user.phone", equalTo("+44 20 7946 0000"))
                .body("user.avatar", equalTo("https://example.com/j.png"))
                .body("user.email", equalTo(email));
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200).body("user.name", equalTo("Jane Smith"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", ""))
                .patch("/api/auth/me").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "name")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("phone", "call me"))
                .patch("/api/auth/me").then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "phone")));
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200).body("user.name", equalTo("Jane Smith"));
    }

    @Test
    void registrationAndUpdatePublishFullSnapshotsWithoutThePasswordHash() {
        String email = uniqueEmail();
        Response registered = register(email, "securepassword123");
        String id = registered.path("user._id");
        given().auth().oauth2((String) registered.path("access_token")).contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed")).patch("/api/auth/me").then().statusCode(200);
        try (TopicProbe probe = new TopicProbe(AggregateType.USER.topic())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.eventsFor(id).size() >= 2);
            List<DomainEvent> events = probe.eventsFor(id);
            DomainEvent created = events.get(0);
            assertEquals("user.registered", created.type());
            assertEquals("user", created.aggregateType());
            assertEquals(1, created.aggregateVersion());
            assertEquals(email, created.data().get("email").asText());
            assertEquals("Jane Doe", created.data().get("name").asText());
            assertNull(created.data().get("password_hash"));
            DomainEvent updated = events.get(1);
            assertEquals("user.updated", updated.type());
            assertEquals(2, updated.aggregateVersion());
            assertEquals("Renamed", updated.data().get("name").asText());
            assertNotNull(UUID.fromString(updated.eventId()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getDatabase("identity").getCollection("users")
                .find(new Document("_id", new ObjectId(id))).first().getList("outbox", Document.class).isEmpty());
    }
}
