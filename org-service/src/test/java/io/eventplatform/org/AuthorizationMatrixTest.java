package io.eventplatform.org;

import static io.eventplatform.org.OrgFixtures.*;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.testing.AuthorizationMatrix;
import io.eventplatform.common.testing.AuthorizationMatrix.Caller;
import io.eventplatform.common.testing.AuthorizationMatrix.Identity;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every org-service endpoint against every kind of caller: the organization's SUPER_ADMIN, ORGANIZER, STAFF and
 * ATTENDEE, a non-member, a platform administrator, no token, a forged token and an expired one. A non-member gets
 * 404: an organization they are not a member of does not exist for them.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AuthorizationMatrixTest {

    private static Identity identity(Team team, Caller caller) {
        TestUser user = switch (caller) {
            case SUPER_ADMIN -> team.superAdmin();
            case STAFF -> team.staff();
            case ATTENDEE -> team.attendee();
            case NON_MEMBER -> team.stranger();
            case PLATFORM_ADMIN -> team.platformAdmin();
            default -> team.organizer();
        };
        return new Identity(user.id(), user.email(), user.token());
    }

    private static void check(String endpoint, Map<Caller, Integer> expected, BiFunction<Team, RequestSpecification, Integer> call) {
        AuthorizationMatrix.check(endpoint, expected, OrgFixtures::team, AuthorizationMatrixTest::identity, call);
    }

    private static Map<Caller, Integer> expect(int superAdmin, int organizer, int staff, int attendee, int nonMember, int platformAdmin) {
        return AuthorizationMatrix.expect(superAdmin, organizer, staff, attendee, nonMember, platformAdmin, 401);
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
        check("GET /api/organizations/{id}", expect(200, 200, 200, 200, 404, 200), (t, s) -> s.get(org(t)).statusCode());
        check("PATCH /api/organizations/{id}", expect(200, 200, 403, 403, 404, 200),
                (t, s) -> s.body(Map.of("name", "Changed")).patch(org(t)).statusCode());
        check("DELETE /api/organizations/{id}", expect(204, 403, 403, 403, 404, 204), (t, s) -> s.delete(org(t)).statusCode());
    }

    @Test
    void members() {
        check("GET members", expect(200, 200, 200, 200, 404, 200), (t, s) -> s.get(org(t) + "/members").statusCode());
        check("POST members", expect(201, 201, 403, 403, 404, 201),
                (t, s) -> s.body(Map.of("email", user("New").email())).post(org(t) + "/members").statusCode());
        check("PATCH members/{user}", expect(200, 200, 403, 403, 404, 200),
                (t, s) -> s.body(Map.of("role", "STAFF")).patch(org(t) + "/members/" + t.attendee().id()).statusCode());
        Function<Team, String> staffMember = t -> org(t) + "/members/" + t.staff().id();
        check("DELETE members/{user}", expect(204, 204, 204, 403, 404, 204),
                (t, s) -> s.delete(staffMember.apply(t)).statusCode());
    }
}
