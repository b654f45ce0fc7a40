package io.eventplatform.registration.domain;

import java.time.Instant;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One scan at a check-in list, as the history shows it to the event's team. Its id is the list's id and the scan's id
 * (the client's nonce, or one the server drew), so a scan sent twice is recorded once.
 */
@MongoEntity(collection = ScanRecord.COLLECTION)
public class ScanRecord {

    public static final String COLLECTION = "check_in_scans";

    public enum Result {
        ADMITTED, EXITED, REFUSED,
        /** Let in (or out) by a device while it was offline, against the list's rules as they stood when it synced. */
        CONFLICT,
        /** An undo of the admission or exit recorded under the same scan id plus {@link #UNDO_SUFFIX}. */
        UNDONE
    }

    /** Not a character a nonce may hold: an undo's id never meets a scan's. */
    public static final String UNDO_SUFFIX = "~undo";

    public String id;
    public String checkInListId;
    public String eventId;
    public String organizationId;
    public String scanId;
    /** Null for a code that names no registration of the event. */
    public String registrationId;
    public String attendeeName;
    public String direction;
    public Result result;
    public String reason;
    public String detail;
    public String device;
    public String staffId;
    public String staffName;
    /** When the scan happened (on the device, for a scan made offline). */
    public Instant scannedAt;
    public boolean offline;
    /** When the server recorded it. */
    public Instant createdAt;

    public static String idOf(CheckInList list, String scanId) {
        return list.idHex() + "/" + scanId;
    }
}
