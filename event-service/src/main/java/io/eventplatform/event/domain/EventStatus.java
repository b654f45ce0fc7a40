package io.eventplatform.event.domain;

import java.util.Set;

/** An event's life: DRAFT → PUBLISHED → ONGOING → COMPLETED, and CANCELLED from any state but the ends. */
public enum EventStatus {
    DRAFT,
    PUBLISHED,
    ONGOING,
    COMPLETED,
    CANCELLED;

    public boolean canBecome(EventStatus next) {
        if (next == this) {
            return true;
        }
        return switch (this) {
            case DRAFT -> Set.of(PUBLISHED, CANCELLED).contains(next);
            case PUBLISHED -> Set.of(ONGOING, CANCELLED).contains(next);
            case ONGOING -> Set.of(COMPLETED, CANCELLED).contains(next);
            case COMPLETED, CANCELLED -> false;
        };
    }

    /** Registrations are taken only while the event is published or under way. */
    public boolean isOpenForRegistration() {
        return this == PUBLISHED || this == ONGOING;
    }
}
