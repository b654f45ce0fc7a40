package io.eventplatform.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * {@code gateway.rate-limits}: how many requests a caller may send through the gateway. A caller with a valid bearer
 * token is counted by its subject, any other by its client address. Each proxied request belongs to one route group:
 * the first group, in name order, with a path pattern that matches, else {@value #DEFAULT_GROUP}.
 */
public interface RateLimitsConfig {

    String DEFAULT_GROUP = "default";

    /** Off (RATE_LIMITS=off ./run.sh): nothing is counted and no RateLimit header is sent. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The number of gateway replicas behind an evenly balancing load balancer. Each replica enforces limit/replicas
     * (rounded up) on its own, so all together allow the configured limit, with no shared state and no extra hop.
     */
    @WithDefault("1")
    int replicas();

    /** Most callers kept per group and kind of caller; the least recently seen are forgotten first. */
    @WithDefault("50000")
    int maxKeys();

    /** By group name; {@value #DEFAULT_GROUP} (no paths) takes every proxied path that no other group takes. */
    Map<String, Group> groups();

    interface Group {
        /**
         * Path patterns: {@code *} stands for any characters but {@code /}, {@code **} for any characters. Only
         * {@value #DEFAULT_GROUP} has none.
         */
        Optional<List<String>> paths();

        /** Per token subject. */
        Limit authenticated();

        /** Per client address, for a request without a valid token. */
        Limit anonymous();
    }

    interface Limit {
        /** Requests per window. */
        long limit();

        /** Whole seconds: the quota is back in full at the end of each window. */
        Duration window();
    }
}
