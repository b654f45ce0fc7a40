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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Map;

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
import io.eventplatform.common.validation.Limits;
import io.eventplatform.identity.service.PasswordPolicy;
import io.eventplatform.identity.service.TokenService;
import io.eventplatform.identity.service.UserService;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/auth")
@Tag(name = "auth")
public class AuthResource {

    static final String RESET_REQUESTED = "If an account uses this email address, a reset token has been sent to it";

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
    @Operation(summary = "Log in with email and password (JSON body, or the legacy query parameters); "
            + "repeated failures answer 429 with Retry-After")
    @Consumes(MediaType.WILDCARD)
    public UserView.WithToken login(@Context HttpServerRequest request,
            @QueryParam("email") String email, @QueryParam("password") String password,
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
        String location = credentials != null ? "body" : "query";
        if (loginEmail.length() > Limits.EMAIL) {
            throw ApiException.unprocessable(location, "email", "ensure this value has at most " + Limits.EMAIL + " characters");
        }
        if (loginPassword.length() > PasswordPolicy.MAX_LENGTH) {
            throw ApiException.unprocessable(location, "password",
                    "ensure this value has at most " + PasswordPolicy.MAX_LENGTH + " characters");
        }
        var user = users.login(loginEmail, loginPassword, clientAddress(request));
        return UserView.WithToken.bearer(user, tokens.issue(user));
    }

    /** The client's address: the gateway's X-Forwarded-For, believed from trusted proxies only (application.properties). */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress().hostAddress();
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/verify-email")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Verify the signed-in account's email with the token from its verification email")
    public UserView.Wrapped verifyEmail(@Valid @NotNull AuthRequests.VerifyEmail body) {
        return new UserView.Wrapped(UserView.of(users.verifyEmail(caller.id(), body.token())));
    }

    @POST
    @Path("/verify-email/resend")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Send the verification email again (at most once a minute)")
    public Response resendVerification() {
        users.resendVerification(caller.id());
        return Response.accepted(Map.of("detail", "Verification email sent")).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/password")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the password; every token issued before stops working, the answer carries a new one")
    public UserView.WithToken changePassword(@Context HttpServerRequest request,
            @Valid @NotNull AuthRequests.ChangePassword body) {
        var user = users.changePassword(caller.id(), body.currentPassword(), body.newPassword(), clientAddress(request));
        return UserView.WithToken.bearer(user, tokens.issue(user));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/password-reset")
    @Operation(summary = "Email a password-reset token; the answer is the same whether or not the email is registered")
    public Response requestPasswordReset(@Valid @NotNull AuthRequests.PasswordResetRequest body) {
        users.requestPasswordReset(body.email());
        return Response.accepted(Map.of("detail", RESET_REQUESTED)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/password-reset/confirm")
    @Operation(summary = "Set a new password with the emailed reset token; every token issued before stops working")
    public UserView.WithToken resetPassword(@Context HttpServerRequest request,
            @Valid @NotNull AuthRequests.PasswordReset body) {
        var user = users.resetPassword(body.token(), body.newPassword(), clientAddress(request));
        return UserView.WithToken.bearer(user, tokens.issue(user));
    }

    @POST
    @Path("/logout-all")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Log out everywhere: every token issued so far stops working at every service within seconds")
    public Response logOutEverywhere() {
        users.logOutEverywhere(caller.id());
        return Response.noContent().build();
    }
}
