package io.eventplatform.common.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokensTest {

    /** Verification that counts its work: every token is valid until a given second, then refused. */
    private static final class CountingTokens extends VerifiedTokens {
        final AtomicInteger verifications = new AtomicInteger();
        long validUntil = Instant.now().getEpochSecond() + 3600;

        CountingTokens() {
            super(new JWTAuthContextInfo());
        }

        @Override
        JsonWebToken verifyNow(String token) throws ParseException {
            verifications.incrementAndGet();
            if (Instant.now().getEpochSecond() >= validUntil) {
                throw new ParseException("expired");
            }
            return token(validUntil);
        }
    }

    private static JsonWebToken token(long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "user";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return "exp".equals(claim) ? (T) Long.valueOf(exp) : null;
            }
        };
    }

    @Test
    void aTokenSeenAgainIsNotVerifiedAgain() throws Exception {
        CountingTokens tokens = new CountingTokens();
        JsonWebToken first = tokens.parse("door-device-token");
        for (int scan = 0; scan < 100; scan++) {
            assertSame(first, tokens.parse("door-device-token"));
        }
        assertEquals(1, tokens.verifications.get());
        tokens.parse("another-token");
        assertEquals(2, tokens.verifications.get());
    }

    @Test
    void aKeptTokenWhoseExpiryPassedIsVerifiedAgainAndRefused() throws Exception {
        CountingTokens tokens = new CountingTokens();
        tokens.validUntil = Instant.now().getEpochSecond() + 1;
        tokens.parse("short-lived");
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() >= tokens.validUntil);

        assertThrows(ParseException.class, () -> tokens.parse("short-lived"));
        assertEquals(2, tokens.verifications.get());
    }
}
