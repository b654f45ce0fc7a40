package io.eventplatform.common.client;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.eventplatform.common.error.ApiException;

/** Internal lookups of another service: its 404 is an answer ("no such thing"), any other failure is not. */
public final class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    private ServiceCalls() {
    }

    /**
     * Runs a step that needs another service: our own errors pass through, and a service that cannot answer (down,
     * slow, circuit open) becomes a 503 "{@code what} unavailable" for the caller instead of a 500.
     */
    public static <T> T orUnavailable(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("%s could not be reached: %s", what, e.toString());
            throw new ApiException(503, what + " unavailable, try again shortly");
        }
    }

    public static <T> Optional<T> notFoundAsEmpty(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
