package io.eventplatform.common.security;

import jakarta.enterprise.context.RequestScoped;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.eventplatform.common.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, from a verified RS256 bearer token (issuer, audience and expiry checked by
 * smallrye-jwt with the public key only). Every service reads the caller through this.
 */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentUser(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous() && token.getSubject() != null;
    }

    /** The caller's user id; 401 when the request carries no valid token. */
    public String id() {
        if (!isAuthenticated() || !ObjectId.isValid(token.getSubject())) {
            throw ApiException.unauthorized("Could not validate credentials");
        }
        return token.getSubject();
    }

    public ObjectId objectId() {
        return new ObjectId(id());
    }

    public String email() {
        id();
        return token.getClaim(Claims.email.name());
    }

    /** Whether identity-service had verified the caller's email when it issued the token. */
    public boolean emailVerified() {
        id();
        Object verified = token.getClaim(Claims.email_verified.name());
        return Boolean.TRUE.equals(verified) || (verified != null && "true".equals(verified.toString()));
    }

    public String name() {
        id();
        return token.getClaim("name");
    }
}
