package io.eventplatform.registration.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.registration.domain.Admission;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.rest.RegistrationViews.RegistrationView;
import io.eventplatform.registration.service.CheckInScans.Direction;
import io.eventplatform.registration.service.CheckInScans.Scan;

public final class CheckInListViews {

    private CheckInListViews() {
    }

    public record CheckInListView(@JsonProperty("_id") String id, String eventId, String organizationId, String name,
            List<String> ticketTypeIds, Instant validFrom, Instant validUntil, boolean allowMultipleEntries,
            boolean allowEntryAfterExit, boolean isDefault, Instant createdAt, Instant updatedAt) {

        public static CheckInListView of(CheckInList list) {
            return new CheckInListView(list.idHex(), list.eventId, list.organizationId, list.name, list.ticketTypeIds,
                    list.validFrom, list.validUntil, list.allowMultipleEntries, list.allowEntryAfterExit, list.isDefault(),
                    list.createdAt, list.updatedAt);
        }
    }

    public record Wrapped(CheckInListView checkInList) {
    }

    public record WrappedList(List<CheckInListView> checkInLists) {
    }

    public record AdmissionView(boolean inside, int entries, Instant firstEntryAt, Instant lastEntryAt, Instant lastExitAt,
            String lastDevice) {

        static AdmissionView of(Admission admission) {
            return admission == null ? null : new AdmissionView(admission.inside, admission.entries, admission.firstEntryAt,
                    admission.lastEntryAt, admission.lastExitAt, admission.lastDevice);
        }
    }

    /**
     * {@code result} is admitted, exited or refused; a refusal has a machine-readable {@code reason} and a
     * {@code detail} for the person at the door. An unknown ticket comes without a registration.
     */
    public record ScanView(String result, String direction, String reason, String detail, String checkInListId,
            AdmissionView admission, RegistrationView registration) {

        public static ScanView of(String listId, Scan scan) {
            String result = scan.refusal().isPresent() ? "refused" : scan.direction() == Direction.ENTRY ? "admitted" : "exited";
            return new ScanView(result, scan.direction().name().toLowerCase(Locale.ROOT),
                    scan.refusal().map(r -> r.reason()).orElse(null), scan.refusal().map(r -> r.detail()).orElse(null), listId,
                    AdmissionView.of(scan.admission()),
                    scan.registration() == null ? null : RegistrationView.of(scan.registration()));
        }
    }

    public record WrappedScan(ScanView scan) {
    }
}
