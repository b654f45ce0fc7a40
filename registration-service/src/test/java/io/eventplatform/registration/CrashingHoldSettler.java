package io.eventplatform.registration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.eventplatform.registration.repository.InventoryRepository;
import io.eventplatform.registration.service.HoldSettler;
import io.quarkus.test.Mock;

/**
 * The real hold settler, which can make one request die right after its registration was stored (the first step
 * after the insert), for the events a test names: what kill -9 at that moment leaves behind.
 */
@Mock
@Singleton
public class CrashingHoldSettler extends HoldSettler {

    static final Set<String> CRASH_AFTER_STORING = ConcurrentHashMap.newKeySet();

    public CrashingHoldSettler(InventoryRepository inventory) {
        super(inventory);
    }

    @Override
    public void stored(String eventId, String holdId) {
        if (CRASH_AFTER_STORING.remove(eventId)) {
            throw new IllegalStateException("Simulated crash right after storing a registration");
        }
        super.stored(eventId, holdId);
    }
}
