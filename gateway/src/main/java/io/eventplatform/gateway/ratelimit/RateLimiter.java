package io.eventplatform.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.eventplatform.gateway.config.RateLimitsConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The route groups and their Bucket4j buckets, one per caller, in memory: taking a request's token never blocks and
 * never leaves the replica. Each bucket holds this replica's share of the quota (limit/replicas, rounded up) and gets
 * it back in full at the end of each window, counted from the caller's first request; a caller unseen for a window
 * is forgotten, which changes nothing, since its bucket would be full again by then.
 */
public final class RateLimiter {

    private final List<String> proxiedPrefixes;
    private final List<Group> withPaths = new ArrayList<>();
    private final Group fallback;

    /**
     * @param proxiedPrefixes the path prefixes the gateway proxies: only their requests are limited
     * @param time Bucket4j's clock (tests move it by hand)
     */
    public RateLimiter(RateLimitsConfig config, List<String> proxiedPrefixes, TimeMeter time) {
        if (config.replicas() < 1) {
            throw new IllegalArgumentException("gateway.rate-limits.replicas must be at least 1");
        }
        this.proxiedPrefixes = List.copyOf(proxiedPrefixes);
        Group defaultGroup = null;
        for (Map.Entry<String, RateLimitsConfig.Group> entry : new TreeMap<>(config.groups()).entrySet()) {
            Group group = new Group(entry.getKey(), entry.getValue(), config, time);
            if (entry.getKey().equals(RateLimitsConfig.DEFAULT_GROUP)) {
                defaultGroup = group;
            } else if (group.paths == null) {
                throw new IllegalArgumentException("gateway.rate-limits.groups." + entry.getKey() + ".paths is required");
            } else {
                withPaths.add(group);
            }
        }
        if (defaultGroup == null || defaultGroup.paths != null) {
            throw new IllegalArgumentException("gateway.rate-limits.groups.default is required, without paths");
        }
        this.fallback = defaultGroup;
    }

    /** The group of a path the gateway proxies; null for one it answers itself (health, docs, metrics, 404). */
    public Group groupOf(String path) {
        if (proxiedPrefixes.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return null;
        }
        for (Group group : withPaths) {
            if (group.paths.matcher(path).matches()) {
                return group;
            }
        }
        return fallback;
    }

    public static final class Group {

        private final String name;
        private final Pattern paths;
        private final Policy authenticated;
        private final Policy anonymous;

        private Group(String name, RateLimitsConfig.Group config, RateLimitsConfig limits, TimeMeter time) {
            this.name = name;
            this.paths = config.paths().filter(list -> !list.isEmpty()).map(Group::compile).orElse(null);
            String prefix = "gateway.rate-limits.groups." + name;
            this.authenticated = new Policy(name, prefix + ".authenticated", config.authenticated(), limits, time);
            this.anonymous = new Policy(name, prefix + ".anonymous", config.anonymous(), limits, time);
        }

        public String name() {
            return name;
        }

        /** Takes one request of a caller with a verified token. */
        public Decision takeAuthenticated(String subject) {
            return authenticated.take(subject);
        }

        /** Takes one request of a caller without one. */
        public Decision takeAnonymous(String clientKey) {
            return anonymous.take(clientKey);
        }

        private static Pattern compile(List<String> patterns) {
            StringBuilder regex = new StringBuilder();
            for (String pattern : patterns) {
                regex.append(regex.isEmpty() ? "" : "|");
                String glob = pattern.trim();
                int literal = 0;
                for (int i = 0; i < glob.length(); i++) {
                    if (glob.charAt(i) == '*') {
                        boolean anyDepth = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                        regex.append(Pattern.quote(glob.substring(literal, i))).append(anyDepth ? ".*" : "[^/]*");
                        i += anyDepth ? 1 : 0;
                        literal = i + 1;
                    }
                }
                regex.append(Pattern.quote(glob.substring(literal)));
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** One quota: limit per window, per caller. */
    private static final class Policy {

        private final long quota;
        private final long capacity;
        private final Duration window;
        private final int replicas;
        private final String policyHeader;
        private final String name;
        private final TimeMeter time;
        private final Cache<String, Bucket> buckets;

        Policy(String group, String property, RateLimitsConfig.Limit limit, RateLimitsConfig limits, TimeMeter time) {
            if (limit.limit() < 1) {
                throw new IllegalArgumentException(property + ".limit must be at least 1");
            }
            if (limit.window().toMillis() < 1000 || limit.window().toMillis() % 1000 != 0) {
                throw new IllegalArgumentException(property + ".window must be whole seconds, at least 1s");
            }
            this.name = group;
            this.quota = limit.limit();
            this.replicas = limits.replicas();
            this.capacity = (quota + replicas - 1) / replicas;
            this.window = limit.window();
            this.time = time;
            this.policyHeader = "\"" + group + "\";q=" + quota + ";w=" + window.toSeconds();
            // Forgetting a caller after a window without requests is exact: its bucket would be full again by then.
            this.buckets = Caffeine.newBuilder().maximumSize(limits.maxKeys()).expireAfterAccess(window).build();
        }

        Decision take(String key) {
            Bucket bucket = buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                    .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build()).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
                return new Decision(false, policyHeader, rateLimitHeader(0, retryAfter), retryAfter);
            }
            // The whole quota remaining, as seen from here: this replica's remainder times the replicas sharing it.
            long remaining = Math.min(quota, probe.getRemainingTokens() * replicas);
            return new Decision(true, policyHeader, rateLimitHeader(remaining, seconds(probe.getNanosToWaitForReset())), 0);
        }

        private String rateLimitHeader(long remaining, long resetSeconds) {
            return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
        }

        private static long seconds(long nanos) {
            return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
        }
    }

    /**
     * The outcome for one request, with its headers (draft-ietf-httpapi-ratelimit-headers): {@code RateLimit-Policy}
     * (the group, its quota and window in seconds) and {@code RateLimit} (the quota remaining and the seconds until it
     * is back in full; 0 and the seconds until a request is allowed again when refused).
     */
    public record Decision(boolean allowed, String policyHeader, String rateLimitHeader, long retryAfterSeconds) {
    }
}
