package io.eventplatform.gateway.proxy;

import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Turns an upstream that cannot be reached into 503 and one that does not answer in time into 504, both with the
 * suite's {@code {"detail"}} body, instead of the proxy's bare 502.
 */
class UpstreamFailureInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamFailureInterceptor.class);

    private final String service;

    UpstreamFailureInterceptor(String service) {
        this.service = service;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            boolean timedOut = failure instanceof TimeoutException;
            int status = timedOut ? 504 : 503;
            // The caller only sees which service failed; the operator needs why (refused, reset, closed, timed out).
            LOG.warnf("%s %s answered %d: %s failed with %s", context.request().getMethod(), context.request().getURI(),
                    status, service, failure.toString());
            String detail = timedOut ? service + " did not answer in time" : service + " is unavailable";
            ProxyResponse response = context.request().response()
                    .setStatusCode(status)
                    .setStatusMessage(timedOut ? "Gateway Timeout" : "Service Unavailable");
            response.headers().clear();
            response.putHeader("content-type", "application/json");
            if (!timedOut) {
                response.putHeader("retry-after", "1");
            }
            response.setBody(Body.body(Buffer.buffer(new JsonObject().put("detail", detail).encode())));
            return Future.succeededFuture(response);
        });
    }
}
