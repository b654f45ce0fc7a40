package io.eventplatform.common.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.eventplatform.common.kafka.PlatformConfig;

/**
 * Service-to-service endpoints live under {@code /internal/}, a prefix the gateway never routes, and answer only
 * callers presenting the shared service credential ({@code X-Service-Token}). With no credential configured they
 * answer no one.
 */
public class InternalCallFilter {

    public static final String PATH_PREFIX = "/internal/";
    public static final String HEADER = "X-Service-Token";

    private final Optional<String> token;

    public InternalCallFilter(PlatformConfig config) {
        this.token = config.internal().token().filter(t -> !t.isBlank());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireServiceCredential(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(PATH_PREFIX)) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(HEADER);
        if (token.isPresent() && presented != null && MessageDigest.isEqual(
                token.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("detail", "Internal endpoint: service credential required")).build());
    }
}
