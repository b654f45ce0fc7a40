package io.eventplatform.common.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.contracts.MembershipEvents;
import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Role;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class MembershipDirectoryTest {

    @Inject
    MembershipDirectory directory;

    @Inject
    KafkaClients kafka;

    @Inject
    MembershipReplica replica;

    @Inject
    @CacheName(MembershipReplica.ROLES)
    Cache roles;

    @AfterEach
    void orgServiceBackUp() {
        OrgServiceStandIn.DOWN.set(false);
    }

    private static MembershipSnapshot membership(String id, String org, String user, Role role, boolean removed) {
        return new MembershipSnapshot(id, user, org, role.name(), true, true, true, true, null, Clocks.now(), Clocks.now(),
                removed ? Clocks.now() : null);
    }

    private void publish(MembershipSnapshot membership, String type, long version) throws Exception {
        try (KafkaProducer<String, String> producer = kafka.producer("directory-test")) {
            DomainEvent event = DomainEvent.of(AggregateType.MEMBERSHIP, type, membership.id(), version,
                    membership.organizationId(), membership);
            producer.send(new ProducerRecord<>(AggregateType.MEMBERSHIP.topic(), membership.id(), event.toJson()))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMembershipMadeAMomentAgoIsFoundThroughOrgServiceAndThenKept() {
        String org = new ObjectId().toHexString();
        String user = new ObjectId().toHexString();
        OrgServiceStandIn.MEMBERSHIPS.put(OrgServiceStandIn.key(org, user), new OrgDirectoryApi.MembershipLookup(
                membership(new ObjectId().toHexString(), org, user, Role.ORGANIZER, false), 1));
        assertEquals(Optional.of(Role.ORGANIZER), directory.memberRole(org, user));

        OrgServiceStandIn.DOWN.set(true);
        assertEquals(Optional.of(Role.ORGANIZER), directory.memberRole(org, user));
    }

    @Test
    void aNonMemberIsNoOnesRole() {
        assertEquals(Optional.empty(), directory.memberRole(new ObjectId().toHexString(), new ObjectId().toHexString()));
    }

    @Test
    void removalAndDemotionTakeEffectWithinOneSecond() throws Exception {
        String org = new ObjectId().toHexString();
        String removedUser = new ObjectId().toHexString();
        String demotedUser = new ObjectId().toHexString();
        String removedId = new ObjectId().toHexString();
        String demotedId = new ObjectId().toHexString();
        publish(membership(removedId, org, removedUser, Role.ORGANIZER, false), MembershipEvents.ADDED, 1);
        publish(membership(demotedId, org, demotedUser, Role.ORGANIZER, false), MembershipEvents.ADDED, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.memberRole(org, removedUser).isPresent()
                && directory.memberRole(org, demotedUser).isPresent());

        publish(membership(removedId, org, removedUser, Role.ORGANIZER, true), MembershipEvents.REMOVED, 2);
        publish(membership(demotedId, org, demotedUser, Role.STAFF, false), MembershipEvents.CHANGED, 2);
        await().atMost(Duration.ofSeconds(1)).until(() -> directory.memberRole(org, removedUser).isEmpty()
                && directory.memberRole(org, demotedUser).equals(Optional.of(Role.STAFF)));
    }

    @Test
    void theReplicaKeepsAnsweringWhileOrgServiceIsDown() throws Exception {
        String org = new ObjectId().toHexString();
        String user = new ObjectId().toHexString();
        publish(membership(new ObjectId().toHexString(), org, user, Role.STAFF, false), MembershipEvents.ADDED, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.memberRole(org, user).isPresent());

        OrgServiceStandIn.DOWN.set(true);
        assertEquals(Optional.of(Role.STAFF), directory.memberRole(org, user));
        ApiException unknown = assertThrows(ApiException.class,
                () -> directory.memberRole(org, new ObjectId().toHexString()));
        assertEquals(503, unknown.status());
    }

    @Test
    void platformAdministratorsAreSuperAdminEverywhere() {
        OrgServiceStandIn.DOWN.set(true);
        String org = new ObjectId().toHexString();
        assertEquals(Optional.of(Role.SUPER_ADMIN),
                directory.role(org, caller(new ObjectId().toHexString(), "Root@Example.com", true)));
        assertEquals(Optional.of(Role.SUPER_ADMIN),
                directory.role(org, caller("65a000000000000000000001", "anyone@example.com", false)));
    }

    /** Whoever registers an administrator's address without owning its mailbox gets no power from it. */
    @Test
    void anAdministratorsAddressWithoutVerificationIsNoPower() {
        OrgServiceStandIn.DOWN.set(true);
        ApiException asked = assertThrows(ApiException.class, () -> directory.role(new ObjectId().toHexString(),
                caller(new ObjectId().toHexString(), "root@example.com", false)));
        assertEquals(503, asked.status(), "not an administrator, so org-service (down) had to be asked");
    }

    private static CurrentUser caller(String id, String email, boolean emailVerified) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(id);
        claims.setClaim("email", email);
        claims.setClaim("email_verified", emailVerified);
        JsonWebToken token = new DefaultJWTCallerPrincipal(claims);
        return new CurrentUser(QuarkusSecurityIdentity.builder().setPrincipal(token).build(), token);
    }

    /** The role cache is bounded (maximum-size 100 in this test's configuration) and forgets what it holds. */
    @Test
    void theRoleCacheStaysWithinItsBoundAndExpires() {
        CaffeineCache cache = roles.as(CaffeineCache.class);
        String org = new ObjectId().toHexString();
        for (int i = 0; i < 1000; i++) {
            replica.role(org, new ObjectId().toHexString());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.keySet().size() <= 100);
        String user = new ObjectId().toHexString();
        replica.role(org, user);
        assertTrue(cache.keySet().contains(org + "/" + user));
        await().atMost(Duration.ofSeconds(5)).until(() -> !cache.keySet().contains(org + "/" + user));
    }
}
