package io.eventplatform.gateway.rest;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own refusals answer like every service, with {@code {"detail": ...}}: a request target that is too
 * long (414) or not a valid URI, such as a {@code %} not followed by two hexadecimal digits (400), is refused before
 * it is routed, and any other failure or unmatched path of the gateway itself gets a JSON body too. (Quarkus's own
 * check of the URI, which answers 400 without a body, is turned off in {@link io.eventplatform.gateway.GatewayMain}
 * because this one makes the same check.)
 */
@ApplicationScoped
public class GatewayErrors {

    /**
     * Longest request target proxied. The services refuse request lines over 4096 bytes without a body, so the gateway
     * (which reads lines up to {@code quarkus.http.limits.max-initial-line-length}) refuses first, with one.
     */
    static final int MAX_URI_LENGTH = 4000;
    private static final String MALFORMED_URL = "Malformed URL: not a valid URI (a % must be followed by two hexadecimal digits)";
    private static final Logger LOG = Logger.getLogger(GatewayErrors.class);

    void install(@Observes Router router) {
        router.route().order(-2000).handler(GatewayErrors::checkRequestTarget);
        router.route().order(-2000).failureHandler(GatewayErrors::failure);
        // What the router itself refuses before any route, such as a path it cannot decode.
        router.errorHandler(400, ctx -> detail(ctx, 400, MALFORMED_URL));
        router.errorHandler(404, ctx -> detail(ctx, 404, "Not Found"));
        router.errorHandler(405, ctx -> detail(ctx, 405, "Method Not Allowed"));
        router.errorHandler(500, GatewayErrors::failure);
    }

    private static void checkRequestTarget(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            detail(ctx, 414, "URI too long: at most " + MAX_URI_LENGTH + " characters");
        } else if (!isValid(uri)) {
            detail(ctx, 400, MALFORMED_URL);
        } else {
            ctx.next();
        }
    }

    private static boolean isValid(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "Gateway error %d handling %s %s", status, ctx.request().method(), ctx.request().path());
            detail(ctx, status, "Internal server error");
        } else {
            detail(ctx, status, HttpResponseStatus.valueOf(status).reasonPhrase());
        }
    }

    private static void detail(RoutingContext ctx, int status, String detail) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("detail", detail).encode());
    }
}
