package io.eventplatform.common.error;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.eventplatform.common.id.Ids;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.validation.FreeFormFields;
import io.quarkus.security.Authenticated;

/** Endpoints that fail in each way the error contract covers. */
@Path("/test/errors")
public class ErrorProbeResource {

    private final CurrentUser caller;

    public ErrorProbeResource(CurrentUser caller) {
        this.caller = caller;
    }

    @GET
    @Path("/business")
    public String business() {
        throw ApiException.badRequest("Ticket type sold out");
    }

    @GET
    @Path("/with-reason")
    public String withReason() {
        throw new ApiException(400, "Registration is not paid", Map.of("reason", "unpaid"));
    }

    @GET
    @Path("/unexpected")
    public String unexpected() {
        throw new IllegalStateException("secret internals at line 42");
    }

    /** A store that is down, for real: a client of a port nothing listens on. */
    @GET
    @Path("/store-down")
    public String storeDown() {
        try (MongoClient unreachable = MongoClients.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200")) {
            return String.valueOf(unreachable.getDatabase("probe").getCollection("things").countDocuments());
        }
    }

    @GET
    @Path("/things/{id}")
    public String thing(@PathParam("id") String id) {
        return Ids.fromPath(id, "Thing not found").toHexString();
    }

    @GET
    @Path("/things")
    public String things(@QueryParam("owner_id") String ownerId, @QueryParam("page") String page,
            @QueryParam("limit") String limit, @QueryParam("size") @Min(1) @Max(10) Integer size) {
        PageRequest request = PageRequest.of(page, limit);
        return Ids.fromQuery(ownerId, "owner_id").toHexString() + ":" + request.skip();
    }

    @GET
    @Path("/private")
    @Authenticated
    public String privateThing() {
        return caller.id();
    }

    @GET
    @Path("/json")
    public Sample json() {
        return new Sample(new ObjectId("65f1a2b3c4d5e6f708192a3b"), Instant.parse("2024-02-10T12:00:00.123456Z"), "x");
    }

    public record Sample(@JsonProperty("_id") ObjectId id, Instant createdAt, String someLongName) {
    }

    @POST
    @Path("/input")
    public Input input(@Valid @NotNull Input body) {
        return body;
    }

    public enum Color { RED, GREEN }

    public record Input(@Size(max = 10) String name, Integer count, Double amount, Instant startsAt, Color color, Boolean flag,
            @FreeFormFields Map<String, Object> customFields, List<@Valid Item> items) {
    }

    public record Item(@NotNull @Min(0) Integer quantity) {
    }
}
