package io.eventplatform.gateway.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.eventplatform.gateway.proxy.UpstreamProbe;
import io.eventplatform.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own endpoints: the prototype's {@code GET /} and {@code GET /health} (which now also says which
 * upstreams and which of their dependencies are down), and {@code GET /openapi.json}, the combined OpenAPI
 * document that {@code /docs} shows.
 */
@ApplicationScoped
public class GatewayEndpoints {

    static final String VERSION = "1.0.0";

    private final Upstreams upstreams;
    private final UpstreamProbe probe;

    public GatewayEndpoints(Upstreams upstreams, UpstreamProbe probe) {
        this.upstreams = upstreams;
        this.probe = probe;
    }

    void install(@Observes Router router) {
        router.get("/").handler(ctx -> json(ctx, 200, new JsonObject()
                .put("message", "Event Management System API").put("version", VERSION).put("docs", "/docs")));
        router.get("/health").handler(this::health);
        router.get("/openapi.json").handler(this::openApi);
    }

    /**
     * "healthy", or "degraded" naming what is down in {@code unavailable}: services that are not ready, and
     * dependencies (such as kafka) that a ready service reports down in its wellness checks. While Kafka is down the
     * services still serve (their writes wait in the outbox); what they publish arrives once it is back.
     */
    private void health(RoutingContext ctx) {
        List<Upstreams.Upstream> all = upstreams.all();
        List<Future<Boolean>> ready = all.stream().map(probe::isReady).toList();
        List<Future<Map<String, String>>> wellness = all.stream().map(probe::dependencies).toList();
        Future.join(Stream.concat(ready.stream(), wellness.stream()).toList()).onComplete(done -> {
            JsonObject services = new JsonObject();
            Map<String, String> dependencies = new TreeMap<>();
            Set<String> unavailable = new LinkedHashSet<>();
            for (int i = 0; i < all.size(); i++) {
                String name = all.get(i).name();
                boolean up = Boolean.TRUE.equals(ready.get(i).result());
                services.put(name, up ? "up" : "down");
                if (!up) {
                    unavailable.add(name);
                    continue;
                }
                Map<String, String> checks = wellness.get(i).result();
                if (checks != null) {
                    checks.forEach((dependency, status) -> {
                        boolean dependencyUp = "UP".equals(status);
                        dependencies.merge(dependency, dependencyUp ? "up" : "down", (a, b) -> a.equals("down") ? a : b);
                        if (!dependencyUp) {
                            unavailable.add(dependency);
                        }
                    });
                }
            }
            JsonObject body = new JsonObject().put("status", unavailable.isEmpty() ? "healthy" : "degraded")
                    .put("services", services);
            if (!dependencies.isEmpty()) {
                body.put("dependencies", new JsonObject(new LinkedHashMap<>(dependencies)));
            }
            if (!unavailable.isEmpty()) {
                body.put("unavailable", new JsonArray(new ArrayList<>(unavailable)));
            }
            json(ctx, 200, body);
        });
    }

    private void openApi(RoutingContext ctx) {
        List<Upstreams.Upstream> all = upstreams.all();
        List<Future<JsonObject>> documents = all.stream().map(probe::openApi).toList();
        Future.join(documents).onComplete(done -> {
            Map<String, JsonObject> byService = new LinkedHashMap<>();
            for (int i = 0; i < all.size(); i++) {
                byService.put(all.get(i).name(), documents.get(i).result());
            }
            json(ctx, 200, OpenApiDocuments.combine(byService, "Event Management System API", VERSION));
        });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
