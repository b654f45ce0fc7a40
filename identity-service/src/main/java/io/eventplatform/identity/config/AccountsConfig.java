package io.eventplatform.identity.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How accounts are protected: password hashing, the emails' links and lifetimes, login throttling. */
@ConfigMapping(prefix = "eventplatform.accounts")
public interface AccountsConfig {

    /** Where the links in account emails point: the suite's public base URL (the gateway). */
    @WithDefault("http://localhost:8000")
    String publicUrl();

    /** bcrypt's cost (log2 of its rounds): 12 takes a few hundred ms per hash on one core. */
    @WithDefault("12")
    int bcryptCost();

    /** How long an email-verification code works. */
    @WithDefault("P1D")
    Duration verificationLifetime();

    /** The shortest time between two verification emails to one account. */
    @WithDefault("PT1M")
    Duration verificationResendInterval();

    /** How long a password-reset token works. */
    @WithDefault("PT30M")
    Duration resetLifetime();

    /** The shortest time between two reset emails to one account (more are silently not sent). */
    @WithDefault("PT1M")
    Duration resetResendInterval();

    LoginThrottle loginThrottle();

    /**
     * Failed logins are counted per account (the email as typed, so an unknown address behaves the same) from one
     * client address, per account from every address, and per client address. From a key's limit on, each failure
     * locks it: {@code first-lock}, doubling with each further failure up to {@code longest-lock}. A success clears
     * the count of the account from that address; a quiet {@code forget-after} clears any count.
     */
    interface LoginThrottle {

        /** Failures of one account from one client address. */
        @WithDefault("5")
        int accountFailures();

        /** Failures of one account from every address together: someone guessing elsewhere does not lock its owner out. */
        @WithDefault("50")
        int accountFailuresFromAllAddresses();

        /** Higher than an account's: many people can share one address (an office, a phone network). */
        @WithDefault("20")
        int addressFailures();

        @WithDefault("PT30S")
        Duration firstLock();

        @WithDefault("PT15M")
        Duration longestLock();

        @WithDefault("PT1H")
        Duration forgetAfter();
    }
}
