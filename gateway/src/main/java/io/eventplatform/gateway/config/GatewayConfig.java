package io.eventplatform.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The route table: each upstream service, where it runs and the path prefixes it serves. This is the one copy of
 * the table; the Helm chart reads the same prefixes.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Keyed by service name without the "-service" suffix (identity, org, event, registration, analytics). */
    Map<String, Upstream> upstreams();

    /** How long an upstream may stay silent before the caller gets a 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** An upstream that does not accept a connection within this is treated as down (503). */
    @WithDefault("1s")
    Duration connectTimeout();

    /** How long /health and /openapi.json wait for each upstream. */
    @WithDefault("2s")
    Duration probeTimeout();

    /**
     * Proxies (IPs or CIDRs, such as the ingress controller's) whose X-Forwarded-For is believed. Empty: the TCP peer
     * is the client. The client found is what the rate limit counts and what the services get in X-Forwarded-For.
     */
    Optional<List<String>> trustedProxies();

    RateLimitsConfig rateLimits();

    interface Upstream {
        /** Base URL, e.g. http://identity-service:8080. */
        String url();

        List<String> prefixes();
    }
}
