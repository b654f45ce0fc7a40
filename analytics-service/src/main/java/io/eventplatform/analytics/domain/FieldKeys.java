package io.eventplatform.analytics.domain;

/**
 * Values used as field names in counter documents (a registration's {@code source} is free text). A Mongo field name
 * cannot hold NUL, and {@code .} and {@code $} would make it a path or an operator: these and {@code %} are
 * percent-encoded, and the empty value is {@code %}, so every string maps to a legal field name and back.
 */
public final class FieldKeys {

    private static final String EMPTY = "%";

    private FieldKeys() {
    }

    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        StringBuilder key = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '.' || c == '$' || c == '\0') {
                key.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    public static String unescape(String key) {
        if (key.equals(EMPTY)) {
            return "";
        }
        StringBuilder value = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            int hi = i + 2 < key.length() && key.charAt(i) == '%' ? Character.digit(key.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(key.charAt(i + 2), 16);
            if (lo < 0) {
                value.append(key.charAt(i));
            } else {
                value.append((char) (hi << 4 | lo));
                i += 2;
            }
        }
        return value.toString();
    }
}
