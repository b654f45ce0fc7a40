package io.eventplatform.common.validation;

/**
 * The bounds every service puts on what it accepts, for {@code @Size}, {@code @Max} and checks in code. They are
 * generous for real use and small enough that the largest legal aggregate (an event with {@link #TICKET_TYPES}
 * ticket types, a template with full data, a registration with full custom fields) fits one Kafka record
 * ({@code KafkaClients.MAX_RECORD_BYTES}) with room to spare, even when every character is escaped in JSON.
 */
public final class Limits {

    /**
     * Money (prices, amounts): 0 to one million in the currency with at most two decimals. Exact in a double, and
     * nine million such amounts still add up exactly in analytics' 64-bit millionths.
     */
    public static final String MAX_AMOUNT = "1000000";
    public static final int AMOUNT_INTEGER_DIGITS = 7;
    public static final int AMOUNT_FRACTION_DIGITS = 2;

    /** Seats: a ticket type's capacity and an event's maximum number of attendees. */
    public static final int MAX_SEATS = 1_000_000;

    /** Ticket types of one event, and of one template. */
    public static final int TICKET_TYPES = 50;

    public static final int NAME = 300;
    public static final int SHORT_TEXT = 200;
    public static final int DESCRIPTION = 5_000;
    public static final int LONG_DESCRIPTION = 20_000;
    public static final int URL = 2_048;
    public static final int EMAIL = 254;
    public static final int TIME_ZONE = 64;

    /** Free-form key-value data such as a registration's custom fields. */
    public static final int FREE_FORM_ENTRIES = 50;
    public static final int FREE_FORM_KEY = 100;
    public static final int FREE_FORM_DEPTH = 4;
    public static final int FREE_FORM_CHARS = 10_000;

    private Limits() {
    }
}
