package io.eventplatform.registration.domain;

/** A registration holds a seat while PENDING or CONFIRMED. */
public enum RegistrationStatus {
    PENDING,
    CONFIRMED,
    CANCELLED,
    WAITLIST,
    REJECTED;

    public boolean holdsSeat() {
        return this == PENDING || this == CONFIRMED;
    }
}
