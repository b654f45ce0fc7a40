package io.eventplatform.common.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.contracts.UserEvents;
import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** The epochs every service keeps: applied in any order and any number of times, never lowered. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class SessionEpochsTest {

    @Inject
    SessionEpochs epochs;

    private static DomainEvent updated(String userId, long version, long sessionEpoch) {
        UserSnapshot user = new UserSnapshot(userId, "u@example.com", "U", null, null, false, Clocks.now(), Clocks.now(),
                sessionEpoch);
        return DomainEvent.of(AggregateType.USER, UserEvents.UPDATED, userId, version, null, user);
    }

    private static JsonWebToken token(String userId, Long epoch) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(userId);
        if (epoch != null) {
            claims.setClaim(SessionEpochs.CLAIM, epoch);
        }
        return new DefaultJWTCallerPrincipal(claims);
    }

    @Test
    void aTokenOfAnOlderEpochIsRevokedAndReplaysNeverLowerTheEpoch() {
        String user = new ObjectId().toHexString();
        assertFalse(epochs.isRevoked(token(user, null)), "a user who never revoked has epoch 0");

        epochs.handleAll(List.of(updated(user, 3, 2), updated(user, 2, 1)));
        epochs.handle(updated(user, 2, 1));
        epochs.handle(updated(user, 1, 0));

        assertTrue(epochs.isRevoked(token(user, null)), "a token from before epochs existed");
        assertTrue(epochs.isRevoked(token(user, 1L)));
        assertFalse(epochs.isRevoked(token(user, 2L)));
        assertFalse(epochs.isRevoked(token(new ObjectId().toHexString(), 0L)), "another user is untouched");
    }

    @Test
    void aRaiseIsSeenAtOnceByTheReplicaThatAppliedItEvenWhenTheOldEpochWasCached() {
        String user = new ObjectId().toHexString();
        assertFalse(epochs.isRevoked(token(user, 0L)));
        epochs.handle(updated(user, 2, 1));
        assertTrue(epochs.isRevoked(token(user, 0L)));
    }
}
