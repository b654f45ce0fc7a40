package io.eventplatform.gateway.proxy;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.eventplatform.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Asks an upstream something small with a short timeout: is it ready, how are its dependencies, what is its OpenAPI
 * document.
 */
@ApplicationScoped
public class UpstreamProbe {

    private final HttpClient client;
    private final long timeoutMs;

    public UpstreamProbe(Vertx vertx, GatewayConfig config) {
        this.timeoutMs = config.probeTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMs));
    }

    void close(@Observes ShutdownEvent shutdown) {
        client.close();
    }

    public Future<Boolean> isReady(Upstreams.Upstream upstream) {
        return get(upstream, "/q/health/ready").map(body -> true).otherwise(false);
    }

    /**
     * The upstream's wellness checks ({@code /q/health/well}: the dependencies it can serve without, such as Kafka),
     * by name, "UP" or "DOWN". A DOWN check answers 503 with the same body.
     */
    public Future<Map<String, String>> dependencies(Upstreams.Upstream upstream) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.host())
                        .setPort(upstream.port()).setURI("/q/health/well").setTimeout(timeoutMs))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 || response.statusCode() == 503 ? response.body()
                        : Future.failedFuture(upstream.name() + " answered " + response.statusCode()))
                .map(body -> {
                    Map<String, String> checks = new TreeMap<>();
                    body.toJsonObject().getJsonArray("checks", new JsonArray()).stream()
                            .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                            .forEach(check -> checks.put(check.getString("name"), check.getString("status")));
                    return checks;
                });
    }

    public Future<JsonObject> openApi(Upstreams.Upstream upstream) {
        return get(upstream, "/q/openapi?format=json").map(Buffer::toJsonObject);
    }

    private Future<Buffer> get(Upstreams.Upstream upstream, String uri) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.host())
                        .setPort(upstream.port()).setURI(uri).setTimeout(timeoutMs))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture(upstream.name() + " answered " + response.statusCode()));
    }
}
