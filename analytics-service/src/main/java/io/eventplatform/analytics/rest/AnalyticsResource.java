package io.eventplatform.analytics.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.analytics.repository.GenerationRepository;
import io.eventplatform.analytics.rest.AnalyticsViews.DashboardView;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.RebuildView;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.analytics.service.AnalyticsService;
import io.eventplatform.common.directory.PlatformAdmins;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.quarkus.security.Authenticated;

@Path("/api/analytics")
@Tag(name = "analytics")
@Authenticated
@SecurityRequirement(name = "bearer")
public class AnalyticsResource {

    private final AnalyticsService analytics;
    private final GenerationRepository generations;
    private final PlatformAdmins admins;
    private final CurrentUser caller;

    public AnalyticsResource(AnalyticsService analytics, GenerationRepository generations, PlatformAdmins admins,
            CurrentUser caller) {
        this.analytics = analytics;
        this.generations = generations;
        this.admins = admins;
        this.caller = caller;
    }

    @GET
    @Path("/dashboard")
    @Operation(summary = "One event's analytics (with event_id) or the organization's overall stats (VIEW_ANALYTICS)")
    public DashboardView dashboard(@QueryParam("organization_id") String organizationId,
            @QueryParam("event_id") String eventId) {
        return analytics.dashboard(organizationId, eventId, caller);
    }

    @GET
    @Path("/event/{eventId}")
    @Operation(summary = "Status, payment, source and check-in-hour breakdowns of an event (VIEW_ANALYTICS)")
    public EventDetail event(@PathParam("eventId") String eventId) {
        return analytics.eventDetail(eventId, caller);
    }

    @GET
    @Path("/revenue/{organizationId}")
    @Operation(summary = "Revenue of the organization's events starting between start_date and end_date (VIEW_REVENUE)")
    public Revenue revenue(@PathParam("organizationId") String organizationId, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate) {
        return analytics.revenue(organizationId, startDate, endDate, caller);
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Drops the projections and replays every topic from the beginning (platform administrators)")
    public Response rebuild() {
        if (!admins.isAdmin(caller)) {
            throw ApiException.forbidden("Only platform administrators can rebuild analytics");
        }
        long generation = generations.raise();
        return Response.accepted(new RebuildView(generation,
                "Rebuilding: the numbers fill up again while the topics are replayed")).build();
    }
}
