package io.eventplatform.registration.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

    /**
     * A ticket scanned at the list: its QR code or its registration id (admitted by hand after a search by name). A
     * {@code nonce} makes a resent scan count once.
     */
    @Schema(name = "CheckInScan")
    public record ScanRequest(
            @Size(max = 200) String qrCode,
            @Size(max = 24) String registrationId,
            @Pattern(regexp = "entry|exit", message = "direction is entry or exit") String direction,
            @Size(max = 100) String device,
            @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+", message = "nonce is letters, digits and _.:-") String nonce) {
    }

    /** A scan a door device made, maybe offline: its own nonce and time are required. */
    @Schema(name = "CheckInBatchScan")
    public record BatchScan(
            @Size(max = 200) String qrCode,
            @Size(max = 24) String registrationId,
            @Pattern(regexp = "entry|exit", message = "direction is entry or exit") String direction,
            @Size(max = 100) String device,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+", message = "nonce is letters, digits and _.:-") String nonce,
            @NotNull Instant scannedAt) {
    }

    /** Up to {@link #MAX_BATCH} scans, applied in the order of their time. */
    @Schema(name = "CheckInBatch")
    public record Batch(@NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull @Valid BatchScan> scans) {
    }

    public static final int MAX_BATCH = 500;
}
