package io.eventplatform.org;

import static io.eventplatform.org.OrgFixtures.*;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.testing.Tokens;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every org-service endpoint against every kind of caller: the organization's SUPER_ADMIN, ORGANIZER, STAFF and
 * ATTENDEE, a non-member, a platform administrator, no token, a forged token and an expired one.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AuthorizationMatrixTest {

    private static final String[] CALLERS = { "SUPER_ADMIN", "ORGANIZER", "STAFF", "ATTENDEE", "NON_MEMBER",
            "PLATFORM_ADMIN", "NO_TOKEN", "FORGED", "EXPIRED" };

    private static RequestSpecification as(Team team, String caller) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        TestUser user = switch (caller) {
            case "SUPER_ADMIN" -> team.superAdmin();
            case "ORGANIZER", "FORGED", "EXPIRED" -> team.organizer();
            case "STAFF" -> team.staff();
            case "ATTENDEE" -> team.attendee();
            case "NON_MEMBER" -> team.stranger();
            case "PLATFORM_ADMIN" -> team.platformAdmin();
            default -> null;
        };
        return switch (caller) {
            case "NO_TOKEN" -> spec;
            case "FORGED" -> spec.auth().oauth2(Tokens.forged(user.id(), user.email()));
            case "EXPIRED" -> spec.auth().oauth2(Tokens.expired(user.id(), user.email()));
            default -> spec.auth().oauth2(user.token());
        };
    }

    /** Runs the call for each caller against a fresh team (calls may be destructive) and compares statuses. */
    private static void check(String endpoint, Map<String, Integer> expected, BiFunction<Team, RequestSpecification, Integer> call) {
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (String caller : CALLERS) {
            Team team = team();
            actual.put(caller, call.apply(team, as(team, caller)));
        }
        assertEquals(expected, actual, endpoint);
    }

    private static Map<String, Integer> expect(int superAdmin, int organizer, int staff, int attendee, int nonMember, int platformAdmin) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("SUPER_ADMIN", superAdmin);
        m.put("ORGANIZER", organizer);
        m.put("STAFF", staff);
        m.put("ATTENDEE", attendee);
        m.put("NON_MEMBER", nonMember);
        m.put("PLATFORM_ADMIN", platformAdmin);
        m.put("NO_TOKEN", 401);
        m.put("FORGED", 401);
        m.put("EXPIRED", 401);
        return m;
    }

    private static String org(Team t) {
        return "/api/organizations/" + t.organizationId();
    }

    @Test
    void createAndList() {
        check("POST /api/organizations", expect(201, 201, 201, 201, 201, 201),
                (t, s) -> s.body(Map.of("name", "N", "slug", uniqueSlug())).post("/api/organizations").statusCode());
        check("GET /api/organizations", expect(200, 200, 200, 200, 200, 200),
                (t, s) -> s.get("/api/organizations").statusCode());
    }

    @Test
    void readUpdateDelete() {
        check("GET /api/organizations/{id}", expect(200, 200, 200, 200, 403, 200), (t, s) -> s.get(org(t)).statusCode());
        check("PATCH /api/organizations/{id}", expect(200, 200, 403, 403, 403, 200),
                (t, s) -> s.body(Map.of("name", "Changed")).patch(org(t)).statusCode());
        check("DELETE /api/organizations/{id}", expect(204, 403, 403, 403, 403, 204), (t, s) -> s.delete(org(t)).statusCode());
    }

    @Test
    void members() {
        check("GET members", expect(200, 200, 200, 200, 403, 200), (t, s) -> s.get(org(t) + "/members").statusCode());
        check("POST members", expect(201, 201, 403, 403, 403, 201),
                (t, s) -> s.body(Map.of("email", user("New").email())).post(org(t) + "/members").statusCode());
        check("PATCH members/{user}", expect(200, 200, 403, 403, 403, 200),
                (t, s) -> s.body(Map.of("role", "STAFF")).patch(org(t) + "/members/" + t.attendee().id()).statusCode());
        Function<Team, String> staffMember = t -> org(t) + "/members/" + t.staff().id();
        check("DELETE members/{user}", expect(204, 204, 204, 403, 403, 204),
                (t, s) -> s.delete(staffMember.apply(t)).statusCode());
    }
}
