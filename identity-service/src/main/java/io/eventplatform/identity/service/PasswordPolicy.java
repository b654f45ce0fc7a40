package io.eventplatform.identity.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.identity.config.AccountsConfig;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The rules a new password must meet, and how passwords are hashed. The rules stop the worst passwords and nothing
 * more: 8 to 128 characters, not the account's email (or its part before the @), and not on the list of the most
 * common leaked passwords shipped as {@code common-passwords.txt}.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common = load("/common-passwords.txt");
    private final int bcryptCost;

    public PasswordPolicy(AccountsConfig config) {
        this.bcryptCost = config.bcryptCost();
    }

    /** 422 on the body field {@code field} when {@code password} may not be used by the account {@code email}. */
    public void check(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ApiException.unprocessable("body", field,
                    "password must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        int at = normalisedEmail.indexOf('@');
        if (lower.equals(normalisedEmail) || (at > 0 && lower.equals(normalisedEmail.substring(0, at)))) {
            throw ApiException.unprocessable("body", field, "password must not be the email address");
        }
        if (common.contains(lower)) {
            throw ApiException.unprocessable("body", field, "password is too common: choose one that is harder to guess");
        }
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, bcryptCost);
    }

    /** Whether a stored hash was made at another cost than the configured one ({@code $2a$NN$…}). */
    public boolean needsRehash(String hash) {
        return hash.length() < 7 || !hash.substring(4, 6).equals(String.format("%02d", bcryptCost));
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
