package io.eventplatform.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The subject of a request's bearer token, if its signature, issuer, audience and expiry verify, with the key the
 * services use (smallrye-jwt, {@code mp.jwt.verify.*}). Only the rate limit asks: a token that does not verify makes
 * the caller anonymous here, and the service behind still answers it with its 401. Each distinct token is verified
 * once and its outcome kept a minute (bounded), as the services do, since a client sends the same token every time.
 * (The services' {@code common/security/VerifiedTokens} is not reused: {@code common} brings the services' store and
 * broker beans, which the gateway does not have.)
 */
@ApplicationScoped
public class TokenSubjects {

    private static final Logger LOG = Logger.getLogger(TokenSubjects.class);
    private static final String BEARER = "Bearer ";
    /** Far longer than any token identity-service issues; anything longer is not looked at. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Verified INVALID = new Verified(null, 0);

    private final JWTParser parser;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    public TokenSubjects(JWTParser parser) {
        this.parser = parser;
    }

    /** @param authorization the Authorization header, or null */
    public Optional<String> subjectOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Verified outcome = verified.get(token, this::verify);
        return outcome.expiresAt() > Instant.now().getEpochSecond() ? Optional.of(outcome.subject()) : Optional.empty();
    }

    private Verified verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject();
            return subject == null || subject.isBlank() ? INVALID : new Verified(subject, jwt.getExpirationTime());
        } catch (ParseException | RuntimeException e) {
            // Whatever the caller sent that does not verify, the caller is anonymous; the service says why (401).
            LOG.debugf("bearer token not verified: %s", e.getMessage());
            return INVALID;
        }
    }

    private record Verified(String subject, long expiresAt) {
    }
}
