package io.eventplatform.common.consumer;

import java.util.Arrays;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;

/**
 * The operator's re-drive: {@code POST /internal/dead-letters/<topic>/redrive} (for example
 * {@code platform.registrations}) with the service credential sends that topic's dead letters back to it. Any service
 * can do it for any platform topic; never routed by the gateway.
 */
@Path("/internal/dead-letters")
public class DeadLetterResource {

    private final DeadLetterRedrive redrive;

    public DeadLetterResource(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    @POST
    @Path("/{topic}/redrive")
    @Operation(hidden = true)
    public DeadLetterRedrive.Result redrive(@PathParam("topic") String topic) {
        AggregateType type = Arrays.stream(AggregateType.values()).filter(t -> t.topic().equals(topic)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Not a platform topic: " + topic));
        return redrive.redrive(type);
    }
}
