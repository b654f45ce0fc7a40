package io.eventplatform.gateway.ratelimit;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.eventplatform.gateway.config.GatewayConfig;
import io.eventplatform.gateway.proxy.ClientAddresses;
import io.eventplatform.gateway.proxy.GatewayRoutes;
import io.eventplatform.gateway.proxy.Upstreams;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits every proxied request ({@code gateway.rate-limits}) before it reaches its service, on the event loop and in
 * memory. Each answer of a limited route, whoever makes it, carries {@code RateLimit-Policy} and {@code RateLimit};
 * a request over its quota is answered here: 429, {@code Retry-After} and {@code {"detail"}}. The gateway's own paths
 * ({@code /}, {@code /health}, {@code /docs}, {@code /openapi.json}, {@code /q/...}) are not limited.
 */
@ApplicationScoped
public class RateLimitRoutes {

    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    private final GatewayConfig config;
    private final TokenSubjects tokens;
    private final MeterRegistry registry;
    private final boolean verificationKeyConfigured;

    public RateLimitRoutes(GatewayConfig config, TokenSubjects tokens, MeterRegistry registry,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key) {
        this.config = config;
        this.tokens = tokens;
        this.registry = registry;
        this.verificationKeyConfigured = keyLocation.isPresent() || key.isPresent();
    }

    void install(@Observes Router router, Upstreams upstreams) {
        if (!config.rateLimits().enabled()) {
            return;
        }
        if (!verificationKeyConfigured) {
            // Without it every caller would be anonymous, and a whole office behind one address would share 100/h.
            throw new IllegalStateException("Rate limits need the token public key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(mp.jwt.verify.publickey.location), or turn them off with gateway.rate-limits.enabled=false");
        }
        List<String> prefixes = upstreams.all().stream().flatMap(upstream -> upstream.prefixes().stream()).toList();
        RateLimiter limiter = new RateLimiter(config.rateLimits(), prefixes, TimeMeter.SYSTEM_MILLISECONDS);
        router.route().order(-900).handler(ctx -> limit(ctx, limiter));
    }

    private void limit(RoutingContext ctx, RateLimiter limiter) {
        String path = ctx.request().path();
        RateLimiter.Group group = path == null ? null : limiter.groupOf(path);
        if (group == null) {
            ctx.next();
            return;
        }
        Optional<String> subject = tokens.subjectOf(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        RateLimiter.Decision decision = subject.isPresent() ? group.takeAuthenticated(subject.get())
                : group.takeAnonymous(ClientAddresses.limitKey(ctx.get(GatewayRoutes.CLIENT_ADDRESS)));
        ctx.addHeadersEndHandler(v -> ctx.response().headers()
                .set(POLICY, decision.policyHeader())
                .set(RATE_LIMIT, decision.rateLimitHeader()));
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        registry.counter("gateway.rate_limit.refused", "group", group.name(),
                "caller", subject.isPresent() ? "authenticated" : "anonymous").increment();
        long seconds = decision.retryAfterSeconds();
        ctx.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .end(new JsonObject().put("detail", "Rate limit exceeded: try again in " + seconds
                        + (seconds == 1 ? " second" : " seconds")).encode());
    }
}
