package io.eventplatform.common.error;

import java.util.Map;

/**
 * A failure the client caused or may see: becomes {@code {"detail": "..."}} with the given status, plus any
 * machine-readable members (for example a check-in's {@code reason}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> extra;
    private long retryAfterSeconds;

    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiException(int status, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extra() {
        return extra;
    }

    /** Seconds the client should wait before trying again (the {@code Retry-After} header); 0 when not said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    /** 429 with {@code Retry-After} ({@link #retryAfterSeconds(java.time.Duration)}). */
    public static ApiException tooManyRequests(String detail, java.time.Duration retryAfter) {
        ApiException e = new ApiException(429, detail);
        e.retryAfterSeconds = retryAfterSeconds(retryAfter);
        return e;
    }

    /** A wait in whole seconds, rounded up and at least one, so a client never retries at once. */
    public static long retryAfterSeconds(java.time.Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public static ApiException unprocessable(String location, String field, String message) {
        return new ValidationException(java.util.List.of(ValidationError.of(location, field, message, "value_error")));
    }
}
