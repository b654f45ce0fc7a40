package io.eventplatform.registration;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.quarkus.test.Mock;

/**
 * The real repository, which can make one request die right after its registration was stored (the insert, with
 * its seat and key, is done; nothing after it runs), for the events a test names: what kill -9 at that moment leaves.
 */
@Mock
@Singleton
public class CrashingRegistrationRepository extends RegistrationRepository {

    static final Set<String> CRASH_AFTER_STORING = ConcurrentHashMap.newKeySet();

    @Override
    public boolean insertIfAbsent(Registration registration, Optional<Keyed> keyed) {
        boolean stored = super.insertIfAbsent(registration, keyed);
        if (stored && CRASH_AFTER_STORING.remove(registration.eventId)) {
            throw new IllegalStateException("Simulated crash right after storing a registration");
        }
        return stored;
    }
}
