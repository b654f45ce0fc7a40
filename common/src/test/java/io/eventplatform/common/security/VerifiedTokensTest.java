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

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

class VerifiedTokensTest {

    /** A verifier that counts its work: the token "expiring" is valid until a given second, then refused. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final AtomicInteger verifications = new AtomicInteger();
        long validUntil = Instant.now().getEpochSecond() + 3600;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
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
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier);
        JsonWebToken first = tokens.parse("door-device-token");
        for (int scan = 0; scan < 100; scan++) {
            assertSame(first, tokens.parse("door-device-token"));
        }
        assertEquals(1, verifier.verifications.get());
        tokens.parse("another-token");
        assertEquals(2, verifier.verifications.get());
    }

    @Test
    void aKeptTokenWhoseExpiryPassedIsVerifiedAgainAndRefused() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        verifier.validUntil = Instant.now().getEpochSecond() + 1;
        VerifiedTokens tokens = new VerifiedTokens(verifier);
        tokens.parse("short-lived");
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() >= verifier.validUntil);

        assertThrows(ParseException.class, () -> tokens.parse("short-lived"));
        assertEquals(2, verifier.verifications.get());
    }
}
