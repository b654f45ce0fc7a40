package io.eventplatform.common.validation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import io.eventplatform.common.error.ApiException;

/** The input formats every service checks the same way, for {@code @Pattern} and for checks in code. */
public final class Formats {

    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String PHONE = "^\\+?[0-9][0-9 ().-]{3,31}$";
    public static final String URL = "^https?://[^\\s/?#]+\\.[^\\s/?#]+([/?#]\\S*)?$";
    public static final String SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    public static final String COLOR = "^#(?:[0-9a-fA-F]{3}){1,2}$";

    /** The datetimes the API takes: years 1970 to 9999 (the store holds milliseconds since 1970 in 64 bits). */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String DATE_TIME_EXPECTED = "expected an ISO-8601 date and time between the years 1970 and 9999";

    private Formats() {
    }

    public static boolean isSupported(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** A true/false query parameter: null when absent, a 422 for anything but {@code true} or {@code false}. */
    public static Boolean flag(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.unprocessable("query", parameter, parameter + " must be true or false");
        };
    }

    /** An IANA time zone such as Europe/Berlin (or UTC); a 422 on the {@code timezone} field otherwise. */
    public static String timeZone(String zone) {
        if (!"UTC".equals(zone) && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiException.unprocessable("body", "timezone", "unknown time zone: expected an IANA zone such as Europe/Berlin");
        }
        return zone;
    }
}
