package io.eventplatform.common.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens for authorization tests, signed with the fixed test key (devstack/jwt/test-private.pem) unless a test
 * wants a forged one.
 */
public final class Tokens {

    private static final String TEST_KEY = "devstack/jwt/test-private.pem";

    private Tokens() {
    }

    /** A token of a user whose email is verified. */
    public static String valid(String userId, String email) {
        return claims(userId, email).claim("email_verified", true).expiresIn(3600).jws().sign(TEST_KEY);
    }

    /** A token of a user who has not verified the email (as every account is right after registering). */
    public static String unverified(String userId, String email) {
        return claims(userId, email).claim("email_verified", false).expiresIn(3600).jws().sign(TEST_KEY);
    }

    public static String expired(String userId, String email) {
        return claims(userId, email).issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .jws().sign(TEST_KEY);
    }

    public static String forged(String userId, String email) {
        return claims(userId, email).expiresIn(3600).jws().sign(otherKey());
    }

    public static String wrongAudience(String userId, String email) {
        return Jwt.issuer(issuer()).audience("someone-else").subject(userId).claim("email", email).expiresIn(3600)
                .jws().sign(TEST_KEY);
    }

    private static JwtClaimsBuilder claims(String userId, String email) {
        return Jwt.issuer(issuer()).audience(audience()).subject(userId).claim("email", email).claim("name", "Test");
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }

    private static String audience() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.audiences", String.class);
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
