package io.eventplatform.identity.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.identity.config.AccountsConfig;
import io.eventplatform.identity.repository.LoginFailureRepository;
import io.eventplatform.identity.repository.LoginFailureRepository.Failures;

/**
 * Slows password guessing (see {@link AccountsConfig.LoginThrottle}). Failures are counted per account from one client
 * address (the attempt is counted before its password is checked and cleared when it succeeds, so parallel guesses
 * cannot slip past the count), per account from every address (a higher bar: someone guessing from one address locks
 * only themselves out, not the account's owner elsewhere) and per client address (many people may share one). A
 * locked key answers 429 with {@code Retry-After} without checking the password, in the same words whether or not the
 * account exists. Password changes (the current password) count the same way.
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

    /** Lets the attempt check its password, counting it; 429 while the account or the address is locked. */
    public void admit(String email, String address) {
        Instant now = Clocks.now();
        failures.find(addressKey(address)).ifPresent(f -> refuseIfLocked(f, now));
        failures.find(accountKey(email)).ifPresent(f -> refuseIfLocked(f, now));
        count(attemptKey(email, address), config.accountFailures(), true);
    }

    public void succeeded(String email, String address) {
        failures.clear(attemptKey(email, address));
    }

    /** After a password reset: the account's own locks are lifted (an address's lock stays). */
    public void unlock(String email, String address) {
        failures.clear(attemptKey(email, address));
        failures.clear(accountKey(email));
    }

    public void failed(String email, String address) {
        count(accountKey(email), config.accountFailuresFromAllAddresses(), false);
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
        throw refusal(Duration.ofSeconds(1));
    }

    private void refuseIfLocked(Failures f, Instant now) {
        if (f.lockedUntil() != null && now.isBefore(f.lockedUntil()) && !forgotten(f, now)) {
            throw refusal(Duration.between(now, f.lockedUntil()));
        }
    }

    private static ApiException refusal(Duration wait) {
        return ApiException.tooManyRequests(String.format(TOO_MANY, ApiException.retryAfterSeconds(wait)), wait);
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

    private static String attemptKey(String email, String address) {
        return accountKey(email) + "|from:" + clientKey(address);
    }

    private static String addressKey(String address) {
        return "address:" + clientKey(address);
    }

    /** An IPv6 client is counted per /64 (one subscriber's network), as the gateway's rate limit counts it. */
    static String clientKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
        } catch (UnknownHostException e) {
            // Not an address literal: counted as it is.
        }
        return address;
    }
}
