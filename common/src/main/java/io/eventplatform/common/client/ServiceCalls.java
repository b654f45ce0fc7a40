package io.eventplatform.common.client;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;

/** Internal lookups of another service: its 404 is an answer ("no such thing"), any other failure is not. */
public final class ServiceCalls {

    private ServiceCalls() {
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
