package io.eventplatform.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.bson.types.ObjectId;

/**
 * A single-use secret sent by email (verify the address, reset the password). The user keeps only its SHA-256 and
 * expiry; the secret the person receives is {@code <user id>.<random>}, so it is looked up by {@code _id}. Using it
 * clears it in the same conditional save that applies its effect, so it works once.
 */
public class OneTimeToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    public String secretHash;
    public Instant issuedAt;
    public Instant expiresAt;

    /** A new token for the user: what is stored, and the secret to send (never stored). */
    public record Issued(OneTimeToken stored, String secret) {
    }

    public static Issued issue(ObjectId userId, Instant now, java.time.Duration lifetime) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = userId.toHexString() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OneTimeToken stored = new OneTimeToken();
        stored.secretHash = hash(secret);
        stored.issuedAt = now;
        stored.expiresAt = now.plus(lifetime);
        return new Issued(stored, secret);
    }

    /** The user a secret names, if it has the shape of one. */
    public static Optional<ObjectId> userIdOf(String secret) {
        int dot = secret == null ? -1 : secret.indexOf('.');
        return dot > 0 && ObjectId.isValid(secret.substring(0, dot)) ? Optional.of(new ObjectId(secret.substring(0, dot)))
                : Optional.empty();
    }

    /** Whether {@code secret} is this token's and it has not expired (compared in constant time). */
    public boolean accepts(String secret, Instant now) {
        return now.isBefore(expiresAt) && MessageDigest.isEqual(
                secretHash.getBytes(StandardCharsets.US_ASCII), hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
