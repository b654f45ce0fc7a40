package io.eventplatform.event.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.event.service.TemplateService;
import io.quarkus.security.Authenticated;

@Path("/api/templates")
@Tag(name = "templates")
@Authenticated
@SecurityRequirement(name = "bearer")
public class TemplateResource {

    private final TemplateService templates;
    private final CurrentUser caller;

    public TemplateResource(TemplateService templates, CurrentUser caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a template from scratch (template_data) or from an event (event_id) (MANAGE_TEMPLATES)")
    public Response create(@Valid @NotNull EventRequests.CreateTemplate body) {
        return Response.status(201).entity(new EventViews.TemplateWrapped(templates.create(body, caller))).build();
    }

    @GET
    @Operation(summary = "An organization's templates, newest first (any member)")
    public EventViews.TemplateList list(@QueryParam("organization_id") String organizationId) {
        return new EventViews.TemplateList(templates.list(organizationId, caller));
    }

    @GET
    @Path("/{templateId}")
    @Operation(summary = "A template (any member)")
    public EventViews.TemplateWrapped get(@PathParam("templateId") String templateId) {
        return new EventViews.TemplateWrapped(templates.get(templateId, caller));
    }

    @DELETE
    @Path("/{templateId}")
    @Operation(summary = "Delete a template (MANAGE_TEMPLATES)")
    public Response delete(@PathParam("templateId") String templateId) {
        templates.delete(templateId, caller);
        return Response.noContent().build();
    }
}
