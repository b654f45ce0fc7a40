package io.eventplatform.identity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.identity.config.AccountsConfig;
import io.eventplatform.identity.repository.LoginFailureRepository;
import io.eventplatform.identity.repository.LoginFailureRepository.Failures;

/**
 * Slows password guessing, per account and per client address (see {@link AccountsConfig.LoginThrottle}). An
 * attempt on an account is counted before its password is checked and cleared when it succeeds, so parallel
 * guesses cannot slip past the count; an address counts only failures, since many people may share one. A locked
 * key answers 429 with {@code Retry-After} without checking the password, in the same words whether or not the
 * account exists.
 */
@ApplicationScoped
public class LoginThrottle {

    static final String TOO_MANY = "Too many failed logins: try again in %d seconds";
    private static final int MAX_CONFLICTS = 20;

    private final LoginFailureRepository failures;
    private final AccountsConfig.LoginThrottle config;

    public LoginThrottle(LoginFailureRepository failures, AccountsConfig config) {
        this.failures = failures;
        this.config = config.loginThrottle();
    }

    /** Lets the attempt check its password, counting it against the account; 429 while either key is locked. */
    public void admit(String email, String address) {
        Instant now = Clocks.now();
        failures.find(addressKey(address)).ifPresent(f -> refuseIfLocked(f, now));
        count(accountKey(email), config.accountFailures(), true);
    }

    public void succeeded(String email) {
        failures.clear(accountKey(email));
    }

    public void failed(String address) {
        count(addressKey(address), config.addressFailures(), false);
    }

    private void count(String key, int lockFrom, boolean refuseIfLocked) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            Instant now = Clocks.now();
            Optional<Failures> current = failures.find(key);
            if (refuseIfLocked) {
                current.ifPresent(f -> refuseIfLocked(f, now));
            }
            long counted = current.filter(f -> !forgotten(f, now)).map(Failures::count).orElse(0L) + 1;
            Instant lockedUntil = counted >= lockFrom ? now.plus(lockFor(counted - lockFrom)) : null;
            if (failures.replace(current, new Failures(key, counted, now, lockedUntil))) {
                return;
            }
        }
        throw ApiException.tooManyRequests(String.format(TOO_MANY, 1), Duration.ofSeconds(1));
    }

    private void refuseIfLocked(Failures f, Instant now) {
        if (f.lockedUntil() != null && now.isBefore(f.lockedUntil()) && !forgotten(f, now)) {
            Duration wait = Duration.between(now, f.lockedUntil());
            throw ApiException.tooManyRequests(String.format(TOO_MANY, Math.max(1, (wait.toMillis() + 999) / 1000)), wait);
        }
    }

    private boolean forgotten(Failures f, Instant now) {
        return f.lastFailureAt().plus(config.forgetAfter()).isBefore(now);
    }

    /** The first lock, doubled for each failure after the one that locked, up to the longest. */
    Duration lockFor(long failuresAfterLocking) {
        Duration lock = config.firstLock().multipliedBy(1L << Math.min(failuresAfterLocking, 20));
        return lock.compareTo(config.longestLock()) > 0 ? config.longestLock() : lock;
    }

    private static String accountKey(String email) {
        return "account:" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
