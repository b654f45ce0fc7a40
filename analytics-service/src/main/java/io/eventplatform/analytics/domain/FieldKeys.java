package io.eventplatform.analytics.domain;

/**
 * Values used as field names in counter documents (a registration's {@code source} is free text): {@code %},
 * {@code .} and {@code $} are percent-encoded, so no value can reach into another field.
 */
public final class FieldKeys {

    private FieldKeys() {
    }

    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return "%00";
        }
        return value.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    public static String unescape(String key) {
        if (key.equals("%00")) {
            return "";
        }
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
