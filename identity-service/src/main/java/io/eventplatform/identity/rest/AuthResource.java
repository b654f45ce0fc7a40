package io.eventplatform.identity.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.identity.service.TokenService;
import io.eventplatform.identity.service.UserService;
import io.quarkus.security.Authenticated;

@Path("/api/auth")
@Tag(name = "auth")
public class AuthResource {

    private final UserService users;
    private final TokenService tokens;
    private final CurrentUser caller;
    private final ObjectMapper json;

    public AuthResource(UserService users, TokenService tokens, CurrentUser caller, ObjectMapper json) {
        this.users = users;
        this.tokens = tokens;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Register a user and get an access token")
    public Response register(@Valid @NotNull AuthRequests.Register body) {
        var user = users.register(body);
        return Response.status(201).entity(UserView.WithToken.bearer(user, tokens.issue(user))).build();
    }

    /**
     * The documented form takes the credentials as query parameters; a JSON body {@code {email, password}} is
     * accepted too and keeps the password out of URLs and access logs.
     */
    @POST
    @Path("/login")
    @Operation(summary = "Log in with email and password (JSON body, or the legacy query parameters)")
    @Consumes(MediaType.WILDCARD)
    public UserView.WithToken login(@QueryParam("email") String email, @QueryParam("password") String password,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.Login.class))) String body) {
        AuthRequests.Login credentials = body == null || body.isBlank() ? null : parseLogin(body);
        String loginEmail = credentials != null && credentials.email() != null ? credentials.email() : email;
        String loginPassword = credentials != null && credentials.password() != null ? credentials.password() : password;
        if (loginEmail == null || loginEmail.isBlank()) {
            throw ApiException.unprocessable("query", "email", "field required");
        }
        if (loginPassword == null || loginPassword.isEmpty()) {
            throw ApiException.unprocessable("query", "password", "field required");
        }
        var user = users.login(loginEmail, loginPassword);
        return UserView.WithToken.bearer(user, tokens.issue(user));
    }

    private AuthRequests.Login parseLogin(String body) {
        try {
            return json.readValue(body, AuthRequests.Login.class);
        } catch (JsonProcessingException e) {
            throw ApiException.unprocessable("body", null, "invalid JSON body: expected {\"email\", \"password\"}");
        }
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The current user")
    public UserView.Wrapped me() {
        return new UserView.Wrapped(UserView.of(users.current(caller.id())));
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the current user's name, avatar or phone")
    public UserView.Wrapped updateMe(@Valid @NotNull AuthRequests.UpdateMe body) {
        return new UserView.Wrapped(UserView.of(users.update(caller.id(), body)));
    }
}
