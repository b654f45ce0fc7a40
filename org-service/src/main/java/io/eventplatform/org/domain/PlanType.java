package io.eventplatform.org.domain;

/** A plan and how many events an organization on it may have (event-service enforces the count). */
public enum PlanType {
    FREE(5),
    PRO(50),
    ENTERPRISE(1000);

    private final int maxEvents;

    PlanType(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    public int maxEvents() {
        return maxEvents;
    }
}
