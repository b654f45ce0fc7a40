package io.eventplatform.registration.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.registration.domain.Registration;

public final class RegistrationViews {

    private RegistrationViews() {
    }

    public record RegistrationView(
            @JsonProperty("_id") String id, String eventId, String ticketTypeId, String userId, String firstName,
            String lastName, String email, String phone, String company, String jobTitle, Map<String, Object> customFields,
            String status, String paymentStatus, double paymentAmount, String paymentMethod, Instant paymentDate,
            String transactionId, String qrCode, boolean checkedIn, Instant checkInTime, String source,
            String referralCode, String notes, Instant createdAt, Instant updatedAt) {

        public static RegistrationView of(Registration r) {
            return new RegistrationView(r.idHex(), r.eventId, r.ticketTypeId, r.userId, r.firstName, r.lastName, r.email,
                    r.phone, r.company, r.jobTitle, r.customFields, r.status.name(), r.paymentStatus.name(), r.paymentAmount,
                    r.paymentMethod, r.paymentDate, r.transactionId, r.qrCode, r.checkedIn, r.checkInTime, r.source,
                    r.referralCode, r.notes, r.createdAt, r.updatedAt);
        }
    }

    public record Wrapped(RegistrationView registration) {
    }

    /** The text of a ticket's QR code; {@code signed}: an Ed25519-signed ticket a door device checks offline. */
    public record TicketView(String code, boolean signed) {
    }

    public record WrappedTicket(TicketView ticket) {
    }

    public record WrappedList(List<RegistrationView> registrations, long total, int page, int limit) {
    }

    public record CheckIn(RegistrationView registration, String message, boolean alreadyCheckedIn) {
    }
}
