package io.eventplatform.org;

import static io.eventplatform.org.OrgFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class MemberResourceTest {

    private static String members(String org) {
        return "/api/organizations/" + org + "/members";
    }

    @Test
    void addByEmailWithRoleAndPermissions() {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        TestUser staff = user("Stan Staff");
        organizer.call().body(Map.of("email", staff.email(), "role", "STAFF", "can_manage_attendees", true))
                .post(members(org)).then().statusCode(201)
                .body("member._id", matchesPattern("[0-9a-f]{24}"))
                .body("member.user_id", equalTo(staff.id()))
                .body("member.organization_id", equalTo(org))
                .body("member.role", equalTo("STAFF"))
                .body("member.can_create_events", equalTo(false))
                .body("member.can_manage_attendees", equalTo(true))
                .body("member.can_view_analytics", equalTo(true))
                .body("member.can_export_data", equalTo(false))
                .body("member.invited_by", equalTo(organizer.id()))
                .body("member.joined_at", endsWith("Z"))
                .body("member.name", equalTo("Stan Staff"))
                .body("member.email", equalTo(staff.email()));
        staff.call().get(members(org)).then().statusCode(200).body("members.user_id", hasItems(organizer.id(), staff.id()));
        staff.call().get("/api/organizations").then().body("organizations._id", hasItem(org));
    }

    @Test
    void unknownEmailIs404AndAnExistingMemberIs400() {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        organizer.call().body(Map.of("email", "nobody-" + System.nanoTime() + "@example.com")).post(members(org))
                .then().statusCode(404).body("detail", equalTo("No user with that email"));
        TestUser staff = user("Stan");
        addMember(org, organizer, staff, "STAFF");
        organizer.call().body(Map.of("email", staff.email().toUpperCase())).post(members(org)).then().statusCode(400)
                .body("detail", equalTo("User is already a member of this organization"));
        organizer.call().body(Map.of("email", "not-an-email")).post(members(org)).then().statusCode(422);
        organizer.call().body(Map.of("email", staff.email(), "role", "OWNER")).post(members(org)).then().statusCode(422);
    }

    @Test
    void concurrentAddsOfOneUserMakeOneMembership() throws Exception {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        TestUser joiner = user("Jo");
        List<Integer> statuses = Parallel.run(8, i -> organizer.call().body(Map.of("email", joiner.email())).post(members(org)).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        organizer.call().get(members(org)).then().body("members.findAll { it.user_id == '" + joiner.id() + "' }", hasSize(1));
    }

    @Test
    void whoManagesMembers() {
        Team team = team();
        String org = team.organizationId();
        TestUser newcomer = user("Newcomer");
        team.staff().call().body(Map.of("email", newcomer.email())).post(members(org)).then().statusCode(403)
                .body("detail", equalTo("Insufficient permissions"));
        team.attendee().call().body(Map.of("email", newcomer.email())).post(members(org)).then().statusCode(403);
        team.stranger().call().body(Map.of("email", newcomer.email())).post(members(org)).then().statusCode(404)
                .body("detail", equalTo("Organization not found"));
        // A non-member cannot tell registered emails from unknown ones.
        team.stranger().call().body(Map.of("email", "nobody-" + System.nanoTime() + "@example.com")).post(members(org))
                .then().statusCode(404).body("detail", equalTo("Organization not found"));
        team.organizer().call().body(Map.of("email", newcomer.email(), "role", "SUPER_ADMIN")).post(members(org))
                .then().statusCode(403).body("detail", equalTo("Only a super admin can grant, change or remove super admin"));
        team.superAdmin().call().body(Map.of("email", newcomer.email(), "role", "ORGANIZER")).post(members(org))
                .then().statusCode(201).body("member.can_create_events", equalTo(true));
        team.organizer().call().body(Map.of("role", "STAFF")).patch(members(org) + "/" + team.superAdmin().id())
                .then().statusCode(403);
        team.organizer().call().delete(members(org) + "/" + team.superAdmin().id()).then().statusCode(403);
        team.staff().call().body(Map.of("role", "ORGANIZER")).patch(members(org) + "/" + team.attendee().id())
                .then().statusCode(403);
    }

    @Test
    void changeRoleAndPermissions() {
        Team team = team();
        String path = members(team.organizationId()) + "/" + team.staff().id();
        team.organizer().call().body(Map.of("role", "ORGANIZER", "can_export_data", true)).patch(path).then().statusCode(200)
                .body("member.role", equalTo("ORGANIZER"))
                .body("member.can_export_data", equalTo(true))
                .body("member.name", equalTo("Stan Staff"));
        team.organizer().call().body(Map.of("role", "STAFF")).patch(members(team.organizationId()) + "/" + user("Ghost").id())
                .then().statusCode(404).body("detail", equalTo("Member not found"));
    }

    @Test
    void theLastManagerCanNeitherBeDemotedNorRemovedNorLeave() {
        TestUser organizer = user("Only Organizer");
        String org = createOrganization(organizer);
        TestUser staff = user("Staff");
        addMember(org, organizer, staff, "STAFF");
        String self = members(org) + "/" + organizer.id();
        organizer.call().body(Map.of("role", "STAFF")).patch(self).then().statusCode(400)
                .body("detail", equalTo("An organization must keep at least one ORGANIZER or SUPER_ADMIN"));
        organizer.call().delete(self).then().statusCode(400);
        staff.call().delete(members(org) + "/" + staff.id()).then().statusCode(204);
        organizer.call().get(members(org)).then().body("members", hasSize(1));
        staff.call().get(members(org)).then().statusCode(404);
    }

    @Test
    void concurrentDemotionsNeverLeaveAnOrganizationWithoutAManager() throws Exception {
        TestUser first = user("First");
        String org = createOrganization(first);
        TestUser second = user("Second");
        addMember(org, first, second, "ORGANIZER");
        List<Integer> statuses = Parallel.run(2, i -> {
            TestUser actor = i == 0 ? first : second;
            TestUser target = i == 0 ? second : first;
            return actor.call().body(Map.of("role", "STAFF")).patch(members(org) + "/" + target.id()).statusCode();
        });
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(s -> s == 403).count(), statuses.toString());
        List<String> roles = first.call().get(members(org)).then().statusCode(200).extract().path("members.role");
        assertEquals(1, roles.stream().filter(r -> r.equals("ORGANIZER")).count(), roles.toString());
    }

    @Test
    void removeAndLeave() {
        Team team = team();
        String org = team.organizationId();
        team.organizer().call().delete(members(org) + "/" + team.attendee().id()).then().statusCode(204);
        team.attendee().call().get("/api/organizations/" + org).then().statusCode(404);
        team.staff().call().delete(members(org) + "/" + team.staff().id()).then().statusCode(204);
        team.organizer().call().get(members(org)).then().body("members.user_id",
                not(hasItems(team.staff().id(), team.attendee().id())));
        team.organizer().call().delete(members(org) + "/" + team.staff().id()).then().statusCode(404);
    }
}
