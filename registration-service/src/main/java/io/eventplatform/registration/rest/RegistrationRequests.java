package io.eventplatform.registration.rest;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.eventplatform.common.validation.Formats;

import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.RegistrationStatus;

public final class RegistrationRequests {

    private RegistrationRequests() {
    }

    public record Create(
            @NotBlank String eventId,
            @NotBlank String ticketTypeId,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = 254) String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = 200) String company,
            @Size(max = 200) String jobTitle,
            @Size(max = 50, message = "at most 50 custom fields") Map<String, Object> customFields,
            @Size(max = 50) String source,
            @Size(max = 100) String referralCode) {
    }

    public record Update(
            RegistrationStatus status,
            PaymentStatus paymentStatus,
            Boolean checkedIn,
            @Size(max = 5000) String notes) {
    }
}
