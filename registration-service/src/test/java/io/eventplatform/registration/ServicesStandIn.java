package io.eventplatform.registration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.directory.OrgDirectoryApi.MembershipLookup;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.testing.Memberships;

/**
 * Stands in for org-service's membership lookup and event-service's catalog lookup, which registration-service
 * uses when its replicas have not heard of something yet (the test profile points both clients here).
 */
@Path("/internal")
public class ServicesStandIn {

    static final Map<String, Catalog> CATALOGS = new ConcurrentHashMap<>();
    /** How often each event's catalog was asked for. */
    static final Map<String, AtomicInteger> CATALOG_CALLS = new ConcurrentHashMap<>();

    @GET
    @Path("/memberships/{organizationId}/{userId}")
    public MembershipLookup membership(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId) {
        return Memberships.lookup(organizationId, userId);
    }

    @GET
    @Path("/events/{eventId}/catalog")
    public Catalog catalog(@PathParam("eventId") String eventId) {
        CATALOG_CALLS.computeIfAbsent(eventId, e -> new AtomicInteger()).incrementAndGet();
        Catalog found = CATALOGS.get(eventId);
        if (found == null) {
            throw ApiException.notFound("Event not found");
        }
        return found;
    }

    public record Catalog(EventSnapshot event, long version, List<VersionedTicketType> ticketTypes) {
    }

    public record VersionedTicketType(TicketTypeSnapshot ticketType, long version) {
    }
}
