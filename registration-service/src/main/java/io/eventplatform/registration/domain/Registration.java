package io.eventplatform.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.RegistrationEvents.ListAdmission;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.outbox.OutboxEntry;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A registration (the prototype's {@code registrations} document); {@code email} is stored normalised. */
@MongoEntity(collection = Registration.COLLECTION)
public class Registration {

    public static final String COLLECTION = "registrations";

    public ObjectId id;
    public String eventId;
    public String ticketTypeId;
    public String organizationId;
    public String userId;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public String company;
    public String jobTitle;
    public Document customFields;
    public RegistrationStatus status;
    public PaymentStatus paymentStatus;
    public double paymentAmount;
    public String paymentMethod;
    public Instant paymentDate;
    public String transactionId;
    public String qrCode;
    /** The serial of the registration's signed ticket: raised by a cancellation or rejection, which revokes the ticket. */
    public int ticketSerial;
    public boolean checkedIn;
    public Instant checkInTime;
    public String source;
    public String referralCode;
    public String notes;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;
    /** The registration's seat of its ticket type, or its own "no seat" value (see SeatSlots). */
    public String typeSeat;
    /** The registration's seat of its event, or its own "no seat" value (see SeatSlots). */
    public String eventSeat;
    /** Where the registration stands on each check-in list it was scanned on, by list id. */
    public Map<String, Admission> admissions = new HashMap<>();
    public List<OutboxEntry> outbox = new ArrayList<>();

    /** Where the registration stands on {@code list}, as stored (a scan changes it in place), or a new, empty one. */
    public Admission admissionOn(CheckInList list) {
        Admission admission = admissions == null ? null : admissions.get(list.idHex());
        if (admission == null && list.isDefault() && checkedIn) {
            return Admission.checkedInBefore(checkInTime);
        }
        return admission == null ? new Admission() : admission;
    }

    /** Comes in through {@code list} (scan {@code scanId}, when it has one); on the default list that is the documented check-in. */
    public void enter(CheckInList list, Instant at, String device, String scanId) {
        Admission admission = admissionOn(list);
        admission.entered(at, device, scanId);
        record(list, admission);
        if (list.isDefault() && !checkedIn) {
            checkedIn = true;
            checkInTime = at;
        }
    }

    /** Goes out through {@code list}. */
    public void exit(CheckInList list, Instant at, String device, String scanId) {
        Admission admission = admissionOn(list);
        admission.exited(at, device, scanId);
        record(list, admission);
    }

    /**
     * Undoes the last accepted scan on {@code list} (the caller checked {@link Admission#undoable}); an entry undone on
     * the default list that leaves no entry there undoes the check-in too. Answers whether it did.
     */
    public boolean undoScan(CheckInList list, String undoId) {
        Admission admission = admissionOn(list);
        admission.undo(undoId);
        record(list, admission);
        if (list.isDefault() && checkedIn && admission.entries == 0) {
            checkedIn = false;
            checkInTime = null;
            return true;
        }
        return false;
    }

    /** The documented undo of a check-in: never checked in, so nothing on the default list either. */
    public void undoCheckIn() {
        checkedIn = false;
        checkInTime = null;
        if (admissions != null) {
            admissions.remove(eventId);
        }
    }

    private void record(CheckInList list, Admission admission) {
        if (admissions == null) {
            admissions = new HashMap<>();
        }
        admissions.put(list.idHex(), admission);
    }

    public String idHex() {
        return id.toHexString();
    }

    public RegistrationSnapshot snapshot() {
        return new RegistrationSnapshot(idHex(), eventId, ticketTypeId, organizationId, userId, firstName, lastName, email,
                phone, company, jobTitle, customFields, status.name(), paymentStatus.name(), paymentAmount, paymentMethod,
                paymentDate, transactionId, qrCode, checkedIn, checkInTime, source, referralCode, notes, createdAt,
                updatedAt, null, listAdmissions());
    }

    private Map<String, ListAdmission> listAdmissions() {
        Map<String, ListAdmission> standing = new HashMap<>();
        if (admissions != null) {
            admissions.forEach((listId, admission) -> standing.put(listId, new ListAdmission(admission.inside, admission.entries)));
        }
        if (checkedIn && !standing.containsKey(eventId)) {
            standing.put(eventId, new ListAdmission(true, 1));
        }
        return standing;
    }
}
