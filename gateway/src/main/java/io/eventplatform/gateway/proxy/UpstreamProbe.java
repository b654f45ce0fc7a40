package io.eventplatform.gateway.proxy;

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
import io.vertx.core.json.JsonObject;

/** Asks an upstream something small with a short timeout: is it ready, what is its OpenAPI document. */
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
