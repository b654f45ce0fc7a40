package io.eventplatform.registration.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.registration.domain.Admission;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.ScanRecord;
import io.eventplatform.registration.domain.TicketKeys;
import io.eventplatform.registration.rest.RegistrationViews.RegistrationView;
import io.eventplatform.registration.service.ScanService.OfflinePage;
import io.eventplatform.registration.service.ScanService.Recorded;

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
     * {@code detail} for the person at the door. An unknown ticket comes without a registration. {@code repeated}: the
     * same scan (its {@code scan_id}, the client's nonce) was sent before and is answered as it was then.
     */
    public record ScanView(String result, String direction, String reason, String detail, String checkInListId,
            String scanId, boolean repeated, AdmissionView admission, RegistrationView registration) {

        public static ScanView of(Recorded scan) {
            ScanRecord record = scan.record();
            return new ScanView(resultOf(record), record.direction, record.reason, record.detail, record.checkInListId,
                    record.scanId, scan.repeated(), AdmissionView.of(scan.admission()),
                    scan.registration() == null ? null : RegistrationView.of(scan.registration()));
        }
    }

    /** One scan of a batch, answered by its nonce: {@code result} is admitted, exited or conflict (with its reason). */
    public record BatchResultView(String nonce, String result, String reason, String detail, String registrationId,
            boolean repeated, AdmissionView admission) {

        static BatchResultView of(Recorded scan) {
            ScanRecord record = scan.record();
            return new BatchResultView(record.scanId, resultOf(record), record.reason, record.detail,
                    scan.registration() == null ? null : scan.registration().idHex(), scan.repeated(),
                    AdmissionView.of(scan.admission()));
        }
    }

    /** Each scan's answer in the order sent, and how many were conflicts. */
    public record BatchView(List<BatchResultView> results, long conflicts) {

        public static BatchView of(List<Recorded> scans) {
            List<BatchResultView> results = scans.stream().map(BatchResultView::of).toList();
            return new BatchView(results, results.stream().filter(r -> "conflict".equals(r.result())).count());
        }
    }

    /** An entry of a list's history. */
    public record ScanRecordView(@JsonProperty("_id") String id, String checkInListId, String eventId, String scanId,
            String registrationId, String attendeeName, String direction, String result, String reason, String detail,
            String device, String staffId, String staffName, Instant scannedAt, boolean offline, Instant createdAt) {

        static ScanRecordView of(ScanRecord r) {
            return new ScanRecordView(r.id, r.checkInListId, r.eventId, r.scanId, r.registrationId, r.attendeeName,
                    r.direction, resultOf(r), r.reason, r.detail, r.device, r.staffId, r.staffName, r.scannedAt, r.offline,
                    r.createdAt);
        }
    }

    public record History(List<ScanRecordView> scans, long total, int page, int limit) {

        public static History of(Page<ScanRecord> found, PageRequest request) {
            return new History(found.items().stream().map(ScanRecordView::of).toList(), found.total(), request.page(),
                    request.limit());
        }
    }

    /** A public key of the event's signed tickets: X.509 SubjectPublicKeyInfo, base64 (WebCrypto imports it as "spki"). */
    public record KeyView(String keyId, String algorithm, String publicKey, Instant createdAt) {

        static List<KeyView> of(TicketKeys keys) {
            return keys.keys.stream().map(k -> new KeyView(k.keyId, "Ed25519", k.publicKey, k.createdAt)).toList();
        }
    }

    public record WrappedKeys(List<KeyView> ticketKeys) {

        public static WrappedKeys of(TicketKeys keys) {
            return new WrappedKeys(KeyView.of(keys));
        }
    }

    /** What a door device keeps of a registration to admit its holder offline and to find them by name. */
    public record OfflineAttendeeView(@JsonProperty("_id") String id, String firstName, String lastName, String email,
            String ticketTypeId, String status, String paymentStatus, double paymentAmount, String qrCode, int ticketSerial,
            boolean checkedIn, AdmissionView admission, Instant updatedAt) {

        static OfflineAttendeeView of(Registration r, CheckInList list) {
            return new OfflineAttendeeView(r.idHex(), r.firstName, r.lastName, r.email, r.ticketTypeId, r.status.name(),
                    r.paymentStatus.name(), r.paymentAmount, r.qrCode, r.ticketSerial, r.checkedIn,
                    AdmissionView.of(r.admissionOn(list)), r.updatedAt);
        }
    }

    /** A registration's signed tickets of any serial but {@code validSerial} are revoked. */
    public record RevocationView(String registrationId, int validSerial) {
    }

    /**
     * A page of a door device's download: the list, the event's public ticket keys (none when it does not sign
     * tickets), registrations changed since the cursor asked from, the revocations among them, and the cursor to ask
     * from next ({@code more}: ask again at once).
     */
    public record OfflineView(CheckInListView checkInList, List<KeyView> ticketKeys, List<OfflineAttendeeView> attendees,
            List<RevocationView> revocations, String cursor, boolean more) {

        public static OfflineView of(OfflinePage page) {
            return new OfflineView(CheckInListView.of(page.list()), page.keys().map(KeyView::of).orElse(List.of()),
                    page.registrations().stream().map(r -> OfflineAttendeeView.of(r, page.list())).toList(),
                    page.registrations().stream().filter(r -> r.ticketSerial > 0)
                            .map(r -> new RevocationView(r.idHex(), r.ticketSerial)).toList(),
                    page.cursor(), page.more());
        }
    }

    private static String resultOf(ScanRecord record) {
        return record.result.name().toLowerCase(Locale.ROOT);
    }

    public record WrappedScan(ScanView scan) {
    }
}
