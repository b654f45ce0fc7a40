package io.eventplatform.gateway.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.eventplatform.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * Routes each public path prefix to its service through Vert.x's reverse proxy, streaming bodies both ways. Every
 * request gets an {@code X-Request-Id} (kept if the caller sent one) that goes upstream and back, and one access-log
 * line without secrets. Nothing outside the configured prefixes is proxied, so internal endpoints stay unreachable.
 * The services get the client's address (see {@link ClientAddresses}) as the one X-Forwarded-For, whatever the caller
 * sent there or in Forwarded.
 */
@ApplicationScoped
public class GatewayRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    /** The request's client address, in the routing context's data. */
    public static final String CLIENT_ADDRESS = "client-address";
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final Logger ACCESS = Logger.getLogger("gateway.access");
    private static final int MAX_REQUEST_ID_LENGTH = 128;

    private HttpClient client;

    void install(@Observes Router router, Vertx vertx, GatewayConfig config, Upstreams upstreams,
            ClientAddresses clientAddresses) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(256)
                .setKeepAlive(true));

        router.route().order(-1000).handler(GatewayRoutes::tagAndLog);
        router.route().order(-950).handler(ctx -> forwardClientAddress(ctx, clientAddresses));
        for (Upstreams.Upstream upstream : upstreams.all()) {
            SocketAddress address = SocketAddress.inetSocketAddress(upstream.port(), upstream.host());
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(context -> context.client().request(new RequestOptions()
                            .setServer(address)
                            .setConnectTimeout(config.connectTimeout().toMillis())
                            .setIdleTimeout(config.upstreamTimeout().toMillis())))
                    .addInterceptor(new UpstreamFailureInterceptor(upstream.name()));
            for (String prefix : upstream.prefixes()) {
                router.route(prefix).handler(ctx -> proxy.handle(ctx.request()));
                router.route(prefix + "/*").handler(ctx -> proxy.handle(ctx.request()));
            }
        }
    }

    /** Pooled upstream connections are closed before Vert.x stops, not torn down under it. */
    void close(@Observes ShutdownEvent shutdown) {
        if (client != null) {
            client.close();
        }
    }

    private static void tagAndLog(RoutingContext ctx) {
        if (escapesItsPrefix(ctx.request().path())) {
            ctx.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("detail", "Not Found").encode());
            return;
        }
        String requestId = ctx.request().getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            requestId = UUID.randomUUID().toString();
            ctx.request().headers().set(REQUEST_ID, requestId);
        }
        String id = requestId;
        long started = System.nanoTime();
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(REQUEST_ID, id));
        ctx.addEndHandler(v -> ACCESS.infof("%s %s %d %dms request_id=%s", ctx.request().method(),
                AccessLog.redact(ctx.request().uri()), ctx.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000, id));
        ctx.next();
    }

    private static void forwardClientAddress(RoutingContext ctx, ClientAddresses clientAddresses) {
        MultiMap headers = ctx.request().headers();
        String client = clientAddresses.clientOf(ctx.request().remoteAddress().host(), headers.getAll(X_FORWARDED_FOR));
        ctx.put(CLIENT_ADDRESS, client);
        headers.set(X_FORWARDED_FOR, client);
        headers.remove("Forwarded");
        ctx.next();
    }

    /** Dot segments or an internal path, even percent-encoded, never reach an upstream. */
    static boolean escapesItsPrefix(String rawPath) {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).replace('\\', '/');
        return path.contains("/../") || path.endsWith("/..") || path.contains("/./")
                || path.startsWith("/internal/") || path.equals("/internal") || path.contains("/internal/");
    }
}
