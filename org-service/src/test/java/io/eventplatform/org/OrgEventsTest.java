package io.eventplatform.org;

import static io.eventplatform.org.OrgFixtures.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What org-service publishes, what it consumes, and its internal endpoint. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class OrgEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private void publish(AggregateType type, DomainEvent event) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(type.topic(), event.aggregateId(), event.toJson())).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void organizationAndMembershipChangesPublishFullSnapshotsWithVersions() {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        TestUser staff = user("Stan");
        addMember(org, organizer, staff, "STAFF");
        String membershipId = organizer.call().get("/api/organizations/" + org + "/members").then()
                .extract().path("members.find { it.user_id == '" + staff.id() + "' }._id");
        organizer.call().body(Map.of("role", "ORGANIZER")).patch("/api/organizations/" + org + "/members/" + staff.id())
                .then().statusCode(200);
        organizer.call().delete("/api/organizations/" + org + "/members/" + staff.id()).then().statusCode(204);
        organizer.call().body(Map.of("name", "Renamed")).patch("/api/organizations/" + org).then().statusCode(200);

        try (TopicProbe organizations = new TopicProbe(AggregateType.ORGANIZATION.topic());
                TopicProbe memberships = new TopicProbe(AggregateType.MEMBERSHIP.topic())) {
            await().atMost(WAIT).until(() -> organizations.eventsFor(org).size() == 2);
            List<DomainEvent> orgEvents = organizations.eventsFor(org);
            assertEquals("organization.created", orgEvents.get(0).type());
            assertEquals(1, orgEvents.get(0).aggregateVersion());
            assertEquals(org, orgEvents.get(0).organizationId());
            assertEquals("FREE", orgEvents.get(0).data().get("plan_type").asText());
            assertEquals("organization.updated", orgEvents.get(1).type());
            assertEquals(2, orgEvents.get(1).aggregateVersion());
            assertEquals("Renamed", orgEvents.get(1).data().get("name").asText());

            await().atMost(WAIT).until(() -> memberships.eventsFor(membershipId).size() == 3);
            List<DomainEvent> memberEvents = memberships.eventsFor(membershipId);
            assertEquals(List.of("membership.added", "membership.changed", "membership.removed"),
                    memberEvents.stream().map(DomainEvent::type).toList());
            assertEquals(List.of(1L, 2L, 3L), memberEvents.stream().map(DomainEvent::aggregateVersion).toList());
            assertEquals("STAFF", memberEvents.get(0).data().get("role").asText());
            assertEquals("ORGANIZER", memberEvents.get(1).data().get("role").asText());
            assertTrue(memberEvents.get(2).data().get("removed_at").isTextual());
            assertEquals(staff.id(), memberEvents.get(2).data().get("user_id").asText());
        }
    }

    @Test
    void deletingAnOrganizationPublishesItsDeletionAndEveryMembershipRemoval() {
        Team team = team();
        team.superAdmin().call().delete("/api/organizations/" + team.organizationId()).then().statusCode(204);
        try (TopicProbe organizations = new TopicProbe(AggregateType.ORGANIZATION.topic());
                TopicProbe memberships = new TopicProbe(AggregateType.MEMBERSHIP.topic())) {
            await().atMost(WAIT).until(() -> organizations.eventsFor(team.organizationId()).stream()
                    .anyMatch(e -> e.type().equals("organization.deleted")));
            DomainEvent deleted = organizations.eventsFor(team.organizationId()).stream()
                    .filter(e -> e.type().equals("organization.deleted")).findFirst().orElseThrow();
            assertNotNull(deleted.data().get("deleted_at").asText());
            await().atMost(WAIT).until(() -> memberships.records().stream()
                    .map(r -> DomainEvent.fromJson(r.value()))
                    .filter(e -> team.organizationId().equals(e.organizationId()) && e.type().equals("membership.removed"))
                    .count() == 4);
        }
    }

    @Test
    void usersComeFromIdentityServicesEvents() throws Exception {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        String userId = new ObjectId().toHexString();
        String email = "replicated-" + userId + "@example.com";
        publish(AggregateType.USER, DomainEvent.of(AggregateType.USER, "user.registered", userId, 1, null,
                new UserSnapshot(userId, email, "Rita Replica", null, null, false, Clocks.now(), Clocks.now(), 0)));
        await().atMost(WAIT).until(() -> organizer.call().body(Map.of("email", email))
                .post("/api/organizations/" + org + "/members").statusCode() == 201);
        publish(AggregateType.USER, DomainEvent.of(AggregateType.USER, "user.updated", userId, 2, null,
                new UserSnapshot(userId, email, "Rita Renamed", null, null, false, Clocks.now(), Clocks.now(), 0)));
        await().atMost(WAIT).until(() -> "Rita Renamed".equals(organizer.call().get("/api/organizations/" + org + "/members")
                .then().extract().path("members.find { it.user_id == '" + userId + "' }.name")));
    }

    @Test
    void theDetailShowsTheOrganizationsEventsAndTemplatesFromEventServicesTopics() throws Exception {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        String older = new ObjectId().toHexString();
        String newer = new ObjectId().toHexString();
        String template = new ObjectId().toHexString();
        publish(AggregateType.EVENT, DomainEvent.of(AggregateType.EVENT, "event.created", older, 1, org,
                Map.of("id", older, "organization_id", org, "name", "Older", "created_at", "2024-01-01T00:00:00Z")));
        publish(AggregateType.EVENT, DomainEvent.of(AggregateType.EVENT, "event.created", newer, 1, org,
                Map.of("id", newer, "organization_id", org, "name", "Newer", "created_at", "2024-02-01T00:00:00Z")));
        publish(AggregateType.TEMPLATE, DomainEvent.of(AggregateType.TEMPLATE, "template.created", template, 1, org,
                Map.of("id", template, "organization_id", org, "name", "T", "created_at", "2024-02-01T00:00:00Z")));
        String path = "/api/organizations/" + org;
        await().atMost(WAIT).until(() -> organizer.call().get(path).then().extract().<Integer>path("organization._count.templates") == 1
                && organizer.call().get(path).then().extract().<Integer>path("organization._count.events") == 2);
        organizer.call().get(path).then()
                .body("organization.events._id", contains(newer, older))
                .body("organization.events[0].name", equalTo("Newer"));
        organizer.call().get("/api/organizations").then().body("organizations.find { it._id == '" + org + "' }._count.events", equalTo(2));

        publish(AggregateType.EVENT, DomainEvent.of(AggregateType.EVENT, "event.deleted", older, 2, org,
                Map.of("id", older, "organization_id", org, "name", "Older", "created_at", "2024-01-01T00:00:00Z")));
        await().atMost(WAIT).until(() -> organizer.call().get(path).then().extract().<Integer>path("organization._count.events") == 1);
        organizer.call().get(path).then().body("organization.events._id", contains(newer));
    }

    @Test
    void theInternalMembershipLookupNeedsTheServiceCredential() {
        TestUser organizer = user("Olga");
        String org = createOrganization(organizer);
        String path = "/internal/memberships/" + org + "/" + organizer.id();
        given().get(path).then().statusCode(403).body("detail", equalTo("Internal endpoint: service credential required"));
        given().header("X-Service-Token", "wrong").get(path).then().statusCode(403);
        given().header("X-Service-Token", "test-service-token").get(path).then().statusCode(200)
                .body("membership.role", equalTo("ORGANIZER"))
                .body("membership.organization_id", equalTo(org))
                .body("version", equalTo(1));
        given().header("X-Service-Token", "test-service-token").get("/internal/memberships/" + org + "/" + new ObjectId())
                .then().statusCode(404);
        given().header("X-Service-Token", "test-service-token").get("/internal/memberships/nope/" + organizer.id())
                .then().statusCode(404);
    }
}
