package io.eventplatform.e2e.org;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;

/**
 * An organizer builds a team through the gateway: identity-service's users reach org-service by Kafka (or, for a
 * user registered a moment ago, by org-service asking identity-service directly).
 */
class TeamFlowIT extends SuiteIT {

    private static final String PASSWORD = "team-flow-password";

    private static String tokenOf(String email, String name) {
        var registered = registerUser(email, name, PASSWORD);
        if (registered.statusCode() == 201) {
            return registered.path("access_token");
        }
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void registerCreateAddDemoteRemoveDelete() {
        String organizerEmail = uniqueEmail("organizer");
        String staffEmail = uniqueEmail("staff");
        String organizer = tokenOf(organizerEmail, "Olga Organizer");
        String staff = tokenOf(staffEmail, "Stan Staff");
        String staffId = as(staff).get("/api/auth/me").then().statusCode(200).extract().path("user._id");

        String org = as(organizer).body(Map.of("name", "Tech Conference Inc", "slug", "tech-" + UUID.randomUUID().toString().substring(0, 8),
                        "email", "info@techconf.com", "website", "https://techconf.com"))
                .post("/api/organizations").then().statusCode(201)
                .body("organization.plan_type", equalTo("FREE"))
                .body("organization.max_events", equalTo(5))
                .extract().path("organization._id");
        String members = "/api/organizations/" + org + "/members";

        as(organizer).body(Map.of("email", staffEmail, "role", "STAFF")).post(members).then().statusCode(201)
                .body("member.user_id", equalTo(staffId))
                .body("member.name", equalTo("Stan Staff"))
                .body("member.role", equalTo("STAFF"));
        as(organizer).get(members).then().statusCode(200)
                .body("members", hasSize(2))
                .body("members.name", hasItems("Olga Organizer", "Stan Staff"))
                .body("members.email", hasItems(organizerEmail, staffEmail));
        as(staff).get("/api/organizations/" + org).then().statusCode(200)
                .body("organization.users.email", hasItem(staffEmail))
                .body("organization._count.users", equalTo(2));
        as(staff).get("/api/organizations").then().statusCode(200)
                .body("organizations._id", hasItem(org));

        as(organizer).body(Map.of("role", "ATTENDEE")).patch(members + "/" + staffId).then().statusCode(200)
                .body("member.role", equalTo("ATTENDEE"));
        as(staff).body(Map.of("name", "Hijacked")).patch("/api/organizations/" + org).then().statusCode(403);

        as(organizer).delete(members + "/" + staffId).then().statusCode(204);
        as(staff).get("/api/organizations/" + org).then().statusCode(404);
        as(organizer).get(members).then().body("members", hasSize(1));

        as(organizer).delete("/api/organizations/" + org).then().statusCode(403)
                .body("detail", equalTo("Only super admins can delete organizations"));
        String platformAdmin = platformAdminToken();
        as(platformAdmin).delete("/api/organizations/" + org).then().statusCode(204);
        as(organizer).get("/api/organizations/" + org).then().statusCode(404);
        as(organizer).get("/api/organizations").then().body("organizations._id", not(hasItem(org)));
    }

    @Test
    void addingAnUnknownEmailIs404AndInternalEndpointsStayHidden() {
        String organizer = tokenOf(uniqueEmail("organizer"), "Olga");
        String org = as(organizer).body(Map.of("name", "X", "slug", "x-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
        as(organizer).body(Map.of("email", uniqueEmail("nobody"))).post("/api/organizations/" + org + "/members")
                .then().statusCode(404);
        given().get("/internal/memberships/" + org + "/x").then().statusCode(404);
    }
}
