package io.eventplatform.common.error;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.eventplatform.common.consumer.TransientFailures;
import io.eventplatform.common.mongo.SnakeCaseConvention;
import io.eventplatform.common.validation.Formats;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one error contract of the suite: every error body is {@code {"detail": ...}}; 401 carries
 * {@code WWW-Authenticate: Bearer}; schema violations are 422 with FastAPI-style details; anything unexpected is
 * a 500 with a fixed message, logged with the request id, never with a stack trace in the body.
 */
public class ErrorMappers {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        if (e instanceof ValidationException validation) {
            return unprocessable(validation.errors());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", e.detail());
        body.putAll(e.extra());
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body);
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.retryAfterSeconds() > 0) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return notAuthenticated();
    }

    /** A token was sent but is forged, expired, or not for this audience: the prototype's wording. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Map.of("detail", "Could not validate credentials")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return detail(403, "Insufficient permissions");
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ValidationError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new ValidationError(location(violation.getPropertyPath()), violation.getMessage(), "value_error"));
        }
        return unprocessable(errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    loc.add(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    loc.add(ref.getIndex());
                }
            }
        }
        return unprocessable(List.of(new ValidationError(loc, problem(e), "type_error")));
    }

    /** What is wrong with a body Jackson could not read, in words that never repeat the input. */
    private static String problem(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return "invalid JSON body: nested too deeply or a value too long";
            }
            if (cause instanceof InputCoercionException) {
                return "number out of range";
            }
            if (cause instanceof JsonParseException parse) {
                String message = parse.getOriginalMessage();
                return message != null && message.startsWith("Duplicate field") ? "invalid JSON body: duplicated key"
                        : "invalid JSON body";
            }
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType());
        }
        return "invalid value";
    }

    private static String expected(Class<?> type) {
        if (type == Instant.class) {
            return Formats.DATE_TIME_EXPECTED;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "expected text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "expected a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a list";
        }
        return "expected an object";
    }

    /** Quarkus maps this subtype to 400 itself; the contract says a body of the wrong shape is a 422. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status == 401) {
            return notAuthenticated();
        }
        if (status >= 500) {
            LOG.errorf(e, "Server error %d", status);
            return detail(status, "Internal server error");
        }
        String reason = original.getStatusInfo().getReasonPhrase();
        return detail(status, reason == null || reason.isBlank() ? "Request failed" : reason);
    }

    /** A validator that failed (not a violation): a defect of ours, answered like any other. */
    @ServerExceptionMapper
    public Response validatorFailure(jakarta.validation.ValidationException e, HttpServerRequest request) {
        return unexpected(e, request);
    }

    /**
     * A dependency that is down (the store unreachable, no primary) is the caller's cue to retry, not a defect: 503
     * with {@code Retry-After}. Nothing was half-written, since every change is one single-document write.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("A dependency is unavailable handling %s %s (request id %s): %s", request.method(), request.path(),
                    request.getHeader(REQUEST_ID_HEADER), e.toString());
            return Response.status(503).type(MediaType.APPLICATION_JSON).header(HttpHeaders.RETRY_AFTER, "5")
                    .entity(Map.of("detail", "Service temporarily unavailable, try again shortly")).build();
        }
        LOG.errorf(e, "Unexpected error handling %s %s (request id %s)", request.method(), request.path(),
                request.getHeader(REQUEST_ID_HEADER));
        return detail(500, "Internal server error");
    }

    private static Response notAuthenticated() {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Map.of("detail", "Not authenticated")).build();
    }

    private static Response detail(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", detail)).build();
    }

    private static Response unprocessable(List<ValidationError> errors) {
        return Response.status(422).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", errors)).build();
    }

    /** Resources name their request-body parameter {@code body}, so a violation on it is located in the body. */
    public static final String BODY_PARAMETER = "body";

    /** Method-parameter paths become {@code ["query", name]}; paths into a body become {@code ["body", field...]}. */
    private static List<Object> location(Path path) {
        List<Object> loc = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                loc.add(node.getIndex());
            } else if (node.isInIterable() && node.getKey() != null) {
                loc.add(String.valueOf(node.getKey()));
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                loc.add(SnakeCaseConvention.snakeCase(node.getName()));
            }
        }
        if (loc.isEmpty() && (parameter == null || BODY_PARAMETER.equals(parameter))) {
            loc.add("body");
        } else if (loc.isEmpty()) {
            loc.add("query");
            loc.add(parameter);
        } else {
            loc.add(0, "body");
        }
        return loc;
    }
}
