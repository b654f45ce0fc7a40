package io.eventplatform.identity.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.security.SessionEpochs;
import io.eventplatform.identity.config.IdentityConfig;
import io.eventplatform.identity.domain.User;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues RS256 access tokens; other services verify them with the public key only. A token says whether the email
 * was verified when it was issued (platform-administrator powers need that) and the user's session epoch (a later
 * password change, reset or "log out everywhere" revokes it).
 */
@ApplicationScoped
public class TokenService {

    private final IdentityConfig config;

    public TokenService(IdentityConfig config) {
        this.config = config;
    }

    public String issue(User user) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(user.id.toHexString())
                .upn(user.email)
                .claim("email", user.email)
                .claim("name", user.name)
                .claim("email_verified", user.emailVerified)
                .claim(SessionEpochs.CLAIM, user.sessionEpoch)
                .expiresIn(config.lifetime())
                .sign();
    }
}
