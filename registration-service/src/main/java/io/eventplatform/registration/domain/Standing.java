package io.eventplatform.registration.domain;

import java.time.Instant;

/** Where a registration stands on one check-in list: what a scan changes. */
public class Standing {

    public boolean inside;
    public int entries;
    public Instant firstEntryAt;
    public Instant lastEntryAt;
    public Instant lastExitAt;
    /** The device that scanned last, as it named itself. */
    public String lastDevice;

    Standing copy() {
        Standing copy = new Standing();
        copy.restore(this);
        return copy;
    }

    void restore(Standing from) {
        inside = from.inside;
        entries = from.entries;
        firstEntryAt = from.firstEntryAt;
        lastEntryAt = from.lastEntryAt;
        lastExitAt = from.lastExitAt;
        lastDevice = from.lastDevice;
    }
}
