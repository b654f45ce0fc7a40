package io.eventplatform.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The store keeps milliseconds; every timestamp the suite makes is cut to that, so what is read equals what was written. */
public final class Clocks {

    private Clocks() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
