package io.eventplatform.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

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
    public List<OutboxEntry> outbox = new ArrayList<>();

    public String idHex() {
        return id.toHexString();
    }

    public RegistrationSnapshot snapshot() {
        return new RegistrationSnapshot(idHex(), eventId, ticketTypeId, organizationId, userId, firstName, lastName, email,
                phone, company, jobTitle, customFields, status.name(), paymentStatus.name(), paymentAmount, paymentMethod,
                paymentDate, transactionId, qrCode, checkedIn, checkInTime, source, referralCode, notes, createdAt,
                updatedAt, null);
    }
}
