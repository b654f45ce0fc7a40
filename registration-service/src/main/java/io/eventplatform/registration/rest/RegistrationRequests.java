package io.eventplatform.registration.rest;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.eventplatform.common.validation.Formats;
import io.eventplatform.common.validation.FreeFormFields;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.RegistrationStatus;

public final class RegistrationRequests {

    /** Where a registration came from (a site, a campaign): any printable text; analytics escapes it as a field name. */
    public static final String SOURCE = "^[^\\p{Cc}]{1,50}$";

    private RegistrationRequests() {
    }

    @Schema(name = "CreateRegistration")
    public record Create(
            @NotBlank @Size(max = 24) String eventId,
            @NotBlank @Size(max = 24) String ticketTypeId,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = Limits.EMAIL) String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = Limits.SHORT_TEXT) String company,
            @Size(max = Limits.SHORT_TEXT) String jobTitle,
            @FreeFormFields Map<String, Object> customFields,
            @Pattern(regexp = SOURCE, message = "source may hold 1 to 50 characters, none of them control characters") String source,
            @Size(max = 100) String referralCode) {
    }

    @Schema(name = "UpdateRegistration")
    public record Update(
            RegistrationStatus status,
            PaymentStatus paymentStatus,
            Boolean checkedIn,
            @Size(max = Limits.DESCRIPTION) String notes) {
    }
}
