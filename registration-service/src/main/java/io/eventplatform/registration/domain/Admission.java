package io.eventplatform.registration.domain;

import java.time.Instant;

/** Where a registration stands on one check-in list: kept on the registration, so a scan is one conditional write. */
public class Admission {

    public boolean inside;
    public int entries;
    public Instant firstEntryAt;
    public Instant lastEntryAt;
    public Instant lastExitAt;
    /** The device that scanned last, as it named itself. */
    public String lastDevice;

    /** What a registration checked in before lists existed stands for on the default list: one entry, still inside. */
    static Admission checkedInBefore(Instant at) {
        Admission admission = new Admission();
        admission.inside = true;
        admission.entries = 1;
        admission.firstEntryAt = at;
        admission.lastEntryAt = at;
        return admission;
    }
}
