package io.eventplatform.gateway;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP upstream for the gateway under test: it echoes what it received, can be slow, and serves a health
 * check (ready, with Kafka down in its wellness check) and an OpenAPI document. The "org" upstream points at a port nothing listens on.
 */
public class StubUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.equals("/q/health/ready")) {
                request.response().end("{\"status\":\"UP\"}");
            } else if (path.equals("/q/health/well")) {
                request.response().setStatusCode(503).putHeader("content-type", "application/json")
                        .end("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"kafka\",\"status\":\"DOWN\"}]}");
            } else if (path.equals("/q/openapi")) {
                request.response().putHeader("content-type", "application/json").end(new JsonObject()
                        .put("openapi", "3.0.3")
                        .put("paths", new JsonObject().put("/api/auth/register", new JsonObject().put("post", new JsonObject())))
                        .put("components", new JsonObject().put("schemas", new JsonObject().put("UserView", new JsonObject())))
                        .encode());
            } else if (path.endsWith("/slow")) {
                vertx.setTimer(5000, t -> request.response().end("late"));
            } else {
                request.body().onSuccess(body -> {
                    JsonObject headers = new JsonObject();
                    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                    request.response().setStatusCode(path.endsWith("/created") ? 201 : 200)
                            .putHeader("content-type", "application/json")
                            .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                                    .put("headers", headers).put("body", body.toString()).encode());
                });
            }
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        int closedPort = io.eventplatform.gateway.ClosedPort.pick();
        return Map.of(
                "gateway.upstreams.identity.url", "http://127.0.0.1:" + port,
                "gateway.upstreams.org.url", "http://127.0.0.1:" + closedPort,
                "gateway.upstreams.event.url", "http://127.0.0.1:" + closedPort,
                "gateway.upstreams.registration.url", "http://127.0.0.1:" + closedPort,
                "gateway.upstreams.analytics.url", "http://127.0.0.1:" + closedPort,
                "gateway.upstream-timeout", "1s");
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
