package io.eventplatform.registration.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CheckInListRequests {

    private CheckInListRequests() {
    }

    /**
     * What an organizer sets on a list; left out: every ticket type, no time limit, one entry, re-entry after exit.
     * {@code event_id} names the event when creating; a replacement may repeat it but not change it.
     */
    @Schema(name = "CheckInListSettings")
    public record Settings(
            @Size(max = 24) String eventId,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 100) List<@NotBlank @Size(max = 24) String> ticketTypeIds,
            Instant validFrom,
            Instant validUntil,
            Boolean allowMultipleEntries,
            Boolean allowEntryAfterExit) {
    }

    /** A ticket scanned at the list: its QR code or its registration id (admitted by hand after a search by name). */
    @Schema(name = "CheckInScan")
    public record ScanRequest(
            @Size(max = 200) String qrCode,
            @Size(max = 24) String registrationId,
            @Pattern(regexp = "entry|exit", message = "direction is entry or exit") String direction,
            @Size(max = 100) String device) {
    }
}
