package io.eventplatform.gateway.rest;

import java.util.ArrayList;
import java.util.List;

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
 * upstreams are down), and {@code GET /openapi.json}, the combined OpenAPI document that {@code /docs} shows.
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

    private void health(RoutingContext ctx) {
        List<Upstreams.Upstream> all = upstreams.all();
        List<Future<Boolean>> checks = all.stream().map(probe::isReady).toList();
        Future.join(checks).onComplete(done -> {
            JsonObject services = new JsonObject();
            JsonArray unavailable = new JsonArray();
            for (int i = 0; i < all.size(); i++) {
                boolean up = Boolean.TRUE.equals(checks.get(i).result());
                services.put(all.get(i).name(), up ? "up" : "down");
                if (!up) {
                    unavailable.add(all.get(i).name());
                }
            }
            JsonObject body = new JsonObject().put("status", unavailable.isEmpty() ? "healthy" : "degraded")
                    .put("services", services);
            if (!unavailable.isEmpty()) {
                body.put("unavailable", unavailable);
            }
            json(ctx, 200, body);
        });
    }

    private void openApi(RoutingContext ctx) {
        List<Upstreams.Upstream> all = upstreams.all();
        List<Future<JsonObject>> documents = all.stream().map(probe::openApi).toList();
        Future.join(documents).onComplete(done -> {
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            JsonObject securitySchemes = new JsonObject();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                JsonObject document = documents.get(i).result();
                if (document == null) {
                    missing.add(all.get(i).name());
                    continue;
                }
                paths.mergeIn(document.getJsonObject("paths", new JsonObject()));
                JsonObject components = document.getJsonObject("components", new JsonObject());
                schemas.mergeIn(components.getJsonObject("schemas", new JsonObject()));
                securitySchemes.mergeIn(components.getJsonObject("securitySchemes", new JsonObject()));
            }
            JsonObject combined = new JsonObject()
                    .put("openapi", "3.0.3")
                    .put("info", new JsonObject().put("title", "Event Management System API").put("version", VERSION))
                    .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                    .put("paths", paths)
                    .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
            if (!missing.isEmpty()) {
                combined.put("x-unavailable-services", new JsonArray(missing));
            }
            json(ctx, 200, combined);
        });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
