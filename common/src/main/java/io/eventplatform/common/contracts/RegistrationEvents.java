package io.eventplatform.common.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** registration-service's events on {@code platform.registrations}, keyed by registration id. */
public final class RegistrationEvents {

    public static final String CREATED = "registration.created";
    public static final String CONFIRMED = "registration.confirmed";
    public static final String WAITLISTED = "registration.waitlisted";
    public static final String PROMOTED = "registration.promoted";
    public static final String UPDATED = "registration.updated";
    public static final String CANCELLED = "registration.cancelled";
    public static final String REJECTED = "registration.rejected";
    public static final String PAYMENT_COMPLETED = "payment.completed";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    public static final String CHECKED_IN = "attendee.checked_in";
    public static final String CHECK_IN_REVERTED = "attendee.check_in_reverted";
    /** Came in through a check-in list other than the event's default one (that one is a check-in). */
    public static final String ENTERED = "attendee.entered";
    public static final String EXITED = "attendee.exited";
    public static final String SCAN_UNDONE = "attendee.scan_undone";
    /**
     * The door's events: they change where a registration stands at check-in lists, never its status, ticket type or
     * existence, so a consumer that counts only those can skip them.
     */
    public static final Set<String> DOOR = Set.of(CHECKED_IN, CHECK_IN_REVERTED, ENTERED, EXITED, SCAN_UNDONE);

    /** A registration holds a seat while it is one of these. */
    public static final Set<String> SEAT_HOLDING = Set.of("PENDING", "CONFIRMED");

    private RegistrationEvents() {
    }

    public record RegistrationSnapshot(
            String id,
            String eventId,
            String ticketTypeId,
            String organizationId,
            String userId,
            String firstName,
            String lastName,
            String email,
            String phone,
            String company,
            String jobTitle,
            Map<String, Object> customFields,
            String status,
            String paymentStatus,
            double paymentAmount,
            String paymentMethod,
            Instant paymentDate,
            String transactionId,
            String qrCode,
            boolean checkedIn,
            Instant checkInTime,
            String source,
            String referralCode,
            String notes,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt,
            Map<String, ListAdmission> admissions) {

        public boolean holdsSeat() {
            return deletedAt == null && SEAT_HOLDING.contains(status);
        }
    }

    /** Where a registration stands on one check-in list (keyed by the list's id; the default list's is the event's). */
    public record ListAdmission(boolean inside, int entries) {
    }
}
