package io.eventplatform.org;

import static io.eventplatform.org.OrgFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class OrganizationResourceTest {

    @Inject
    MongoClient mongo;

    private long organizationsStored() {
        return mongo.getDatabase("org").getCollection("organizations").countDocuments();
    }

    @Test
    void createReturnsTheDocumentedShapeAndMakesTheCreatorOrganizer() {
        TestUser owner = user("Olga Owner");
        String slug = uniqueSlug();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Tech Conference Inc");
        body.put("slug", slug);
        body.put("email", "info@techconf.com");
        body.put("phone", "+1234567890");
        body.put("website", "https://techconf.com");
        body.put("description", "Leading tech conference organizer");
        String id = owner.call().body(body).post("/api/organizations").then().statusCode(201)
                .body("organization._id", matchesPattern("[0-9a-f]{24}"))
                .body("organization.name", equalTo("Tech Conference Inc"))
                .body("organization.slug", equalTo(slug))
                .body("organization.plan_type", equalTo("FREE"))
                .body("organization.max_events", equalTo(5))
                .body("organization.timezone", equalTo("UTC"))
                .body("organization.currency", equalTo("USD"))
                .body("organization.created_at", endsWith("Z"))
                .body("organization", not(hasKey("members")))
                .body("organization", not(hasKey("outbox")))
                .extract().path("organization._id");
        owner.call().get("/api/organizations/" + id + "/members").then().statusCode(200)
                .body("members", hasSize(1))
                .body("members[0].user_id", equalTo(owner.id()))
                .body("members[0].role", equalTo("ORGANIZER"))
                .body("members[0].can_create_events", equalTo(true))
                .body("members[0].can_manage_attendees", equalTo(true))
                .body("members[0].can_view_analytics", equalTo(true))
                .body("members[0].can_export_data", equalTo(true))
                .body("members[0].joined_at", endsWith("Z"))
                .body("members[0].name", equalTo("Olga Owner"))
                .body("members[0].email", equalTo(owner.email()));
    }

    @Test
    void aTakenSlugIs400() {
        TestUser owner = user("Slug Owner");
        String slug = uniqueSlug();
        owner.call().body(Map.of("name", "A", "slug", slug)).post("/api/organizations").then().statusCode(201);
        user("Other").call().body(Map.of("name", "B", "slug", slug)).post("/api/organizations").then().statusCode(400)
                .body("detail", equalTo("Organization slug already exists"));
    }

    @Test
    void concurrentCreatesOfOneSlugMakeExactlyOneOrganization() throws Exception {
        String slug = uniqueSlug();
        List<Integer> statuses = Parallel.run(10, i -> user("Racer " + i).call().body(Map.of("name", "Race", "slug", slug))
                .post("/api/organizations").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(1, mongo.getDatabase("org").getCollection("organizations").countDocuments(new Document("slug", slug)));
    }

    @Test
    void invalidOrganizationsAre422AndWriteNothing() {
        TestUser owner = user("Validator");
        long before = organizationsStored();
        Map<String, String> invalid = Map.of(
                "email", "not-an-email",
                "website", "techconf",
                "phone", "call me maybe",
                "timezone", "Mars/Olympus",
                "currency", "XYZ",
                "slug", "Not A Slug!");
        invalid.forEach((field, value) -> {
            Map<String, Object> body = new HashMap<>(Map.of("name", "Invalid", "slug", uniqueSlug()));
            body.put(field, value);
            owner.call().body(body).post("/api/organizations").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", field)));
        });
        owner.call().body(Map.of("slug", uniqueSlug())).post("/api/organizations").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "name")));
        assertEquals(before, organizationsStored());
        owner.call().body(Map.of("name", "Valid zone", "slug", uniqueSlug(), "timezone", "America/New_York", "currency", "EUR"))
                .post("/api/organizations").then().statusCode(201)
                .body("organization.timezone", equalTo("America/New_York"))
                .body("organization.currency", equalTo("EUR"));
    }

    @Test
    void listShowsOnlyTheCallersOrganizationsWithCounts() {
        Team team = team();
        TestUser loner = user("Loner");
        String own = createOrganization(loner);
        loner.call().get("/api/organizations").then().statusCode(200)
                .body("organizations", hasSize(1))
                .body("organizations[0]._id", equalTo(own))
                .body("organizations[0]._count.events", equalTo(0))
                .body("organizations[0]._count.users", equalTo(1));
        team.staff().call().get("/api/organizations").then().statusCode(200)
                .body("organizations._id", contains(team.organizationId()))
                .body("organizations[0]._count.users", equalTo(4));
    }

    @Test
    void detailHasMembersWithNamesEventsAndCounts() {
        Team team = team();
        team.staff().call().get("/api/organizations/" + team.organizationId()).then().statusCode(200)
                .body("organization._id", equalTo(team.organizationId()))
                .body("organization.users", hasSize(4))
                .body("organization.users.name", hasItems("Olga Organizer", "Sam Super", "Stan Staff", "Ada Attendee"))
                .body("organization.users.email", hasItem(team.staff().email()))
                .body("organization.events", empty())
                .body("organization._count.events", equalTo(0))
                .body("organization._count.users", equalTo(4))
                .body("organization._count.templates", equalTo(0));
    }

    @Test
    void organizersAndSuperAdminsUpdateOthersCannot() {
        Team team = team();
        String path = "/api/organizations/" + team.organizationId();
        team.organizer().call().body(Map.of("name", "Renamed", "description", "Updated description")).patch(path)
                .then().statusCode(200)
                .body("organization.name", equalTo("Renamed"))
                .body("organization.description", equalTo("Updated description"));
        team.superAdmin().call().body(Map.of("timezone", "Europe/Berlin")).patch(path).then().statusCode(200)
                .body("organization.timezone", equalTo("Europe/Berlin"))
                .body("organization.name", equalTo("Renamed"));
        team.staff().call().body(Map.of("name", "Staff was here")).patch(path).then().statusCode(403)
                .body("detail", equalTo("Insufficient permissions"));
        team.attendee().call().body(Map.of("name", "x")).patch(path).then().statusCode(403);
        team.stranger().call().body(Map.of("name", "x")).patch(path).then().statusCode(404)
                .body("detail", equalTo("Organization not found"));
        team.organizer().call().body(Map.of("currency", "dollars")).patch(path).then().statusCode(422);
        team.organizer().call().get(path).then().body("organization.name", equalTo("Renamed"));
    }

    @Test
    void onlyPlatformAdministratorsChangeThePlan() {
        Team team = team();
        String path = "/api/organizations/" + team.organizationId();
        team.organizer().call().body(Map.of("plan_type", "PRO")).patch(path).then().statusCode(403)
                .body("detail", equalTo("Only platform administrators can change the plan"));
        team.superAdmin().call().body(Map.of("plan_type", "PRO")).patch(path).then().statusCode(403);
        team.platformAdmin().call().body(Map.of("plan_type", "PRO")).patch(path).then().statusCode(200)
                .body("organization.plan_type", equalTo("PRO"))
                .body("organization.max_events", equalTo(50));
        team.platformAdmin().call().body(Map.of("plan_type", "GOLD")).patch(path).then().statusCode(422);
    }

    @Test
    void onlySuperAdminsDeleteAndNothingIsShownAfterwards() {
        Team team = team();
        String path = "/api/organizations/" + team.organizationId();
        team.organizer().call().delete(path).then().statusCode(403)
                .body("detail", equalTo("Only super admins can delete organizations"));
        team.staff().call().delete(path).then().statusCode(403);
        team.stranger().call().delete(path).then().statusCode(404);
        team.superAdmin().call().delete(path).then().statusCode(204);
        team.organizer().call().get(path).then().statusCode(404).body("detail", equalTo("Organization not found"));
        team.organizer().call().get("/api/organizations").then().body("organizations._id", not(hasItem(team.organizationId())));
        team.platformAdmin().call().get(path).then().statusCode(404).body("detail", equalTo("Organization not found"));
        team.organizer().call().get(path + "/members").then().statusCode(404);
    }

    @Test
    void aDeletedOrganizationsSlugCanBeUsedAgain() {
        TestUser owner = user("Reuser");
        String slug = uniqueSlug();
        String id = owner.call().body(Map.of("name", "First", "slug", slug)).post("/api/organizations").then().statusCode(201)
                .extract().path("organization._id");
        platformAdmin().call().delete("/api/organizations/" + id).then().statusCode(204);
        owner.call().body(Map.of("name", "Second", "slug", slug)).post("/api/organizations").then().statusCode(201);
    }

    @Test
    void tokensAndIdsAreChecked() {
        Team team = team();
        given().get("/api/organizations").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(io.eventplatform.common.testing.Tokens.forged(team.organizer().id(), team.organizer().email()))
                .get("/api/organizations/" + team.organizationId()).then().statusCode(401);
        given().auth().oauth2(io.eventplatform.common.testing.Tokens.expired(team.organizer().id(), team.organizer().email()))
                .get("/api/organizations").then().statusCode(401);
        team.organizer().call().get("/api/organizations/not-an-id").then().statusCode(404);
        team.organizer().call().get("/api/organizations/0123456789abcdef01234567").then().statusCode(404)
                .body("detail", equalTo("Organization not found"));
    }

    @Test
    void anotherTenantsOrganizationAnswersExactlyLikeAnUnknownOne() {
        Team team = team();
        TestUser outsider = user("Outsider");
        createOrganization(outsider);
        String foreign = "/api/organizations/" + team.organizationId();
        String unknown = "/api/organizations/" + new ObjectId().toHexString();
        for (String path : List.of(foreign, unknown)) {
            outsider.call().get(path).then().statusCode(404).body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().get(path + "/members").then().statusCode(404).body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().body(Map.of("name", "x")).patch(path).then().statusCode(404)
                    .body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().body(Map.of("email", team.staff().email())).post(path + "/members").then().statusCode(404)
                    .body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().body(Map.of("role", "STAFF")).patch(path + "/members/" + team.attendee().id()).then()
                    .statusCode(404).body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().delete(path + "/members/" + team.attendee().id()).then().statusCode(404)
                    .body(equalTo("{\"detail\":\"Organization not found\"}"));
            outsider.call().delete(path).then().statusCode(404).body(equalTo("{\"detail\":\"Organization not found\"}"));
        }
        team.organizer().call().get(foreign).then().statusCode(200);
    }
}
