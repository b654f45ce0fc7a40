package io.eventplatform.common.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser of every service, verifying each distinct token once: the RS256 signature check, JSON and
 * base64 of every request were the largest single cost in registration-service's profile (12 % of its CPU at the
 * door), while a door device sends the same token with every scan. A verified token is kept a minute (bounded); one
 * whose {@code exp} has passed is verified again, and so refused. Everything else is smallrye-jwt's own parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    @Inject
    public VerifiedTokens(JWTAuthContextInfo authContextInfo) {
        super(authContextInfo);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && known.getExpirationTime() > Instant.now().getEpochSecond()) {
            return known;
        }
        JsonWebToken parsed = verifyNow(token);
        verified.put(token, parsed);
        return parsed;
    }

    /** smallrye-jwt's full verification of the token. */
    JsonWebToken verifyNow(String token) throws ParseException {
        return super.parse(token);
    }
}
