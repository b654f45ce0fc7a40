package io.eventplatform.common.validation;

import java.time.ZoneId;

import io.eventplatform.common.error.ApiException;

/** The input formats every service checks the same way, for {@code @Pattern} and for checks in code. */
public final class Formats {

    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String PHONE = "^\\+?[0-9][0-9 ().-]{3,31}$";
    public static final String URL = "^https?://[^\\s/?#]+\\.[^\\s/?#]+([/?#]\\S*)?$";
    public static final String SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    public static final String COLOR = "^#(?:[0-9a-fA-F]{3}){1,2}$";

    private Formats() {
    }

    /** An IANA time zone such as Europe/Berlin (or UTC); a 422 on the {@code timezone} field otherwise. */
    public static String timeZone(String zone) {
        if (!"UTC".equals(zone) && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiException.unprocessable("body", "timezone", "unknown time zone: expected an IANA zone such as Europe/Berlin");
        }
        return zone;
    }
}
