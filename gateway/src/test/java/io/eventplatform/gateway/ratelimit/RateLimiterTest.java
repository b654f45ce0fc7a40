package io.eventplatform.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.eventplatform.gateway.config.RateLimitsConfig;
import io.github.bucket4j.TimeMeter;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The buckets and route groups alone, on a clock moved by hand. */
class RateLimiterTest {

    private static final List<String> PREFIXES = List.of("/api/auth", "/api/events", "/api/registrations");

    private final ManualClock clock = new ManualClock();

    @Test
    void eachProxiedPathBelongsToOneGroupAndTheGatewaysOwnPathsToNone() {
        RateLimiter limiter = limiter(Map.of());
        for (String door : List.of("/api/registrations/qr-check-in", "/api/registrations/66aa/check-in")) {
            assertEquals("door", limiter.groupOf(door).name(), door);
        }
        for (String other : List.of("/api/registrations", "/api/registrations/66aa", "/api/registrations/66aa/check-in/x",
                "/api/registrations/a/b/check-in", "/api/registrations/qr-check-in/", "/api/registrations/sync", "/api/auth/login", "/api/events")) {
            assertEquals("default", limiter.groupOf(other).name(), other);
        }
        for (String own : List.of("/", "/health", "/docs", "/docs/index.html", "/openapi.json", "/q/metrics",
                "/q/health/ready", "/api/authx", "/api/unknown")) {
            assertNull(limiter.groupOf(own), own);
        }
    }

    /** In a group's paths, {@code *} stays within one segment and {@code **} crosses segments. */
    @Test
    void oneStarMatchesASegmentAndTwoMatchAnyDepth() {
        RateLimiter limiter = limiter(Map.of("gateway.rate-limits.groups.door.paths",
                "/api/registrations/*/check-in,/api/events/*/door/**"));
        assertEquals("door", limiter.groupOf("/api/events/66aa/door/lists/7/scans").name());
        assertEquals("door", limiter.groupOf("/api/events/66aa/door/").name());
        assertEquals("default", limiter.groupOf("/api/events/66aa/bb/door/x").name());
        assertEquals("default", limiter.groupOf("/api/events/66aa/doors").name());
    }

    @Test
    void eachReplicaEnforcesItsShareAndReportsTheWholeQuota() {
        RateLimiter.Group group = limiter(Map.of("gateway.rate-limits.replicas", "3",
                "gateway.rate-limits.groups.default.anonymous.limit", "10")).groupOf("/api/events");
        // ceil(10 / 3) = 4 here; the remainder is reported for all three replicas together.
        for (long remaining : List.of(9L, 6L, 3L, 0L)) {
            RateLimiter.Decision decision = group.takeAnonymous("198.51.100.1");
            assertTrue(decision.allowed());
            assertEquals("\"default\";q=10;w=3600", decision.policyHeader());
            assertEquals("\"default\";r=" + remaining + ";t=3600", decision.rateLimitHeader());
        }
        RateLimiter.Decision refused = group.takeAnonymous("198.51.100.1");
        assertFalse(refused.allowed());
        assertEquals(3600, refused.retryAfterSeconds());
        assertEquals("\"default\";r=0;t=3600", refused.rateLimitHeader());
        assertTrue(group.takeAnonymous("198.51.100.2").allowed(), "another caller has its own bucket");
    }

    @Test
    void theQuotaIsBackInFullAtTheEndOfTheWindow() {
        RateLimiter.Group group = limiter(Map.of("gateway.rate-limits.groups.default.authenticated.limit", "2",
                "gateway.rate-limits.groups.default.authenticated.window", "60s")).groupOf("/api/auth/me");
        assertEquals("\"default\";r=1;t=60", group.takeAuthenticated("user-1").rateLimitHeader());
        clock.advanceMillis(20_000);
        assertEquals("\"default\";r=0;t=40", group.takeAuthenticated("user-1").rateLimitHeader());
        RateLimiter.Decision refused = group.takeAuthenticated("user-1");
        assertFalse(refused.allowed());
        assertEquals(40, refused.retryAfterSeconds());
        clock.advanceMillis(39_500);
        assertEquals(1, group.takeAuthenticated("user-1").retryAfterSeconds(), "rounded up, never 0");
        clock.advanceMillis(500);
        RateLimiter.Decision again = group.takeAuthenticated("user-1");
        assertTrue(again.allowed());
        assertEquals("\"default\";r=1;t=60", again.rateLimitHeader());
    }

    @Test
    void authenticatedAndAnonymousCallersAndGroupsAreCountedApart() {
        RateLimiter limiter = limiter(Map.of("gateway.rate-limits.groups.default.anonymous.limit", "1"));
        assertTrue(limiter.groupOf("/api/events").takeAnonymous("same").allowed());
        assertFalse(limiter.groupOf("/api/events").takeAnonymous("same").allowed());
        assertTrue(limiter.groupOf("/api/events").takeAuthenticated("same").allowed());
        assertTrue(limiter.groupOf("/api/registrations/qr-check-in").takeAnonymous("same").allowed());
    }

    @Test
    void aConfigurationThatCannotWorkIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class,
                () -> limiter(Map.of("gateway.rate-limits.groups.default.anonymous.window", "1500ms")));
        assertThrows(IllegalArgumentException.class,
                () -> limiter(Map.of("gateway.rate-limits.groups.default.anonymous.limit", "0")));
        assertThrows(IllegalArgumentException.class, () -> limiter(Map.of("gateway.rate-limits.replicas", "0")));
        assertThrows(IllegalArgumentException.class, () -> limiter(Map.of("gateway.rate-limits.groups.default.paths", "/api/x")));
        Map<String, String> withoutPaths = new HashMap<>(Map.of(
                "gateway.rate-limits.groups.other.authenticated.limit", "1", "gateway.rate-limits.groups.other.authenticated.window", "1s",
                "gateway.rate-limits.groups.other.anonymous.limit", "1", "gateway.rate-limits.groups.other.anonymous.window", "1s"));
        assertThrows(IllegalArgumentException.class, () -> limiter(withoutPaths));
    }

    /** The shipped groups (as in application.properties), with overrides, read as Quarkus reads them. */
    private RateLimiter limiter(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "gateway.rate-limits.groups.default.authenticated.limit", "1000",
                "gateway.rate-limits.groups.default.authenticated.window", "1h",
                "gateway.rate-limits.groups.default.anonymous.limit", "100",
                "gateway.rate-limits.groups.default.anonymous.window", "1h",
                "gateway.rate-limits.groups.door.paths", "/api/registrations/qr-check-in,/api/registrations/*/check-in",
                "gateway.rate-limits.groups.door.authenticated.limit", "3600",
                "gateway.rate-limits.groups.door.authenticated.window", "1m",
                "gateway.rate-limits.groups.door.anonymous.limit", "100",
                "gateway.rate-limits.groups.door.anonymous.window", "1h"));
        properties.putAll(overrides);
        RateLimitsConfig config = new SmallRyeConfigBuilder()
                .withMapping(RateLimitsConfig.class, "gateway.rate-limits")
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(RateLimitsConfig.class, "gateway.rate-limits");
        return new RateLimiter(config, PREFIXES, clock);
    }

    private static final class ManualClock implements TimeMeter {

        private long nanos = TimeUnit.DAYS.toNanos(1);

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
