package io.eventplatform.org;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;

import io.eventplatform.common.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Users, organizations and members for org-service tests. */
final class OrgFixtures {

    static final String PLATFORM_ADMIN_EMAIL = "platform-admin@example.com";

    private OrgFixtures() {
    }

    record TestUser(String id, String email, String name, String token) {
        RequestSpecification call() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    /** A user identity-service knows of (through the stand-in), with a valid token. */
    static TestUser user(String name) {
        String id = new ObjectId().toHexString();
        String email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        IdentityStandIn.register(id, email, name);
        return new TestUser(id, email, name, Tokens.valid(id, email));
    }

    static TestUser platformAdmin() {
        String id = new ObjectId().toHexString();
        IdentityStandIn.register(id, PLATFORM_ADMIN_EMAIL, "Platform Admin");
        return new TestUser(id, PLATFORM_ADMIN_EMAIL, "Platform Admin", Tokens.valid(id, PLATFORM_ADMIN_EMAIL));
    }

    static String uniqueSlug() {
        return "org-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String createOrganization(TestUser owner) {
        return owner.call().body(Map.of("name", "Tech Conference Inc", "slug", uniqueSlug()))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
    }

    static void addMember(String organizationId, TestUser by, TestUser user, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", user.email());
        body.put("role", role);
        by.call().body(body).post("/api/organizations/" + organizationId + "/members").then().statusCode(201);
    }

    /** An organization with one member of each role, and a stranger. */
    record Team(String organizationId, TestUser organizer, TestUser superAdmin, TestUser staff, TestUser attendee,
            TestUser stranger, TestUser platformAdmin) {
    }

    static Team team() {
        TestUser organizer = user("Olga Organizer");
        String org = createOrganization(organizer);
        TestUser admin = platformAdmin();
        TestUser superAdmin = user("Sam Super");
        addMember(org, admin, superAdmin, "SUPER_ADMIN");
        TestUser staff = user("Stan Staff");
        addMember(org, organizer, staff, "STAFF");
        TestUser attendee = user("Ada Attendee");
        addMember(org, organizer, attendee, "ATTENDEE");
        return new Team(org, organizer, superAdmin, staff, attendee, user("Nina Nonmember"), admin);
    }
}
