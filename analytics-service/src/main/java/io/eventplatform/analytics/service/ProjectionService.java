package io.eventplatform.analytics.service;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.analytics.repository.ProjectionRepository;
import io.eventplatform.analytics.repository.ProjectionRepository.CountedRegistration;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.PoisonMessageException;

/**
 * Turns registration snapshots into counter deltas. For each registration the projection remembers the version it
 * counted; a newer snapshot adds the difference between what it counts and what the counted one did, so duplicates
 * and older versions change nothing, and registrations applied in any order give the same counters.
 * <p>
 * A batch costs a fixed number of store operations per event, not per registration: read the counted facts and the
 * in-flight marks, add each event's summed delta while marking its registrations in flight (one conditional update,
 * which a repeated delivery cannot apply twice), record the counted facts (one bulk write), clear the marks. A crash
 * between any two steps is finished by the next delivery of the same records.
 */
@ApplicationScoped
public class ProjectionService {

    private final ProjectionRepository projections;

    public ProjectionService(ProjectionRepository projections) {
        this.projections = projections;
    }

    public record VersionedSnapshot(RegistrationSnapshot snapshot, long version) {
    }

    public void apply(RegistrationSnapshot snapshot, long version) {
        applyAll(List.of(new VersionedSnapshot(snapshot, version)));
    }

    public void applyAll(List<VersionedSnapshot> batch) {
        Set<String> registrationIds = new LinkedHashSet<>();
        Set<String> eventIds = new LinkedHashSet<>();
        batch.forEach(v -> {
            registrationIds.add(v.snapshot().id());
            eventIds.add(v.snapshot().eventId());
        });
        Map<String, CountedRegistration> counted = projections.counted(registrationIds);
        Map<String, Map<String, CountedRegistration>> inFlight = projections.inFlight(eventIds);

        Map<String, CountedRegistration> current = new HashMap<>(counted);
        Map<String, CountedRegistration> toRecord = new LinkedHashMap<>();
        Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
        Map<String, Map<String, CountedRegistration>> newMarks = new LinkedHashMap<>();
        Map<String, String> organizations = new HashMap<>();
        for (VersionedSnapshot versioned : batch) {
            RegistrationSnapshot snapshot = versioned.snapshot();
            String id = snapshot.id();
            long version = versioned.version();
            RegistrationFacts facts = RegistrationFacts.of(snapshot);
            CountedRegistration before = current.get(id);
            if (before != null && before.version() >= version) {
                continue;
            }
            if (before != null && !before.facts().eventId().equals(facts.eventId())) {
                throw new PoisonMessageException("Registration " + id + " moved from event " + before.facts().eventId()
                        + " to " + facts.eventId());
            }
            CountedRegistration marked = inFlight.getOrDefault(facts.eventId(), Map.of()).get(id);
            if (marked != null && marked.version() > (before == null ? 0 : before.version())) {
                // Counted up to the marked version already: a crash came before its facts were recorded.
                if (version <= marked.version()) {
                    if (version == marked.version()) {
                        current.put(id, marked);
                        toRecord.put(id, marked);
                    }
                    continue;
                }
                before = marked;
            }
            Map<String, Long> delta = RegistrationFacts.delta(before == null ? null : before.facts(), facts);
            if (!delta.isEmpty()) {
                Map<String, Long> eventDelta = deltas.computeIfAbsent(facts.eventId(), e -> new LinkedHashMap<>());
                // Exact or failing: a batch whose sums leave a long is applied one registration at a time.
                delta.forEach((path, amount) -> eventDelta.merge(path, amount, Math::addExact));
                newMarks.computeIfAbsent(facts.eventId(), e -> new LinkedHashMap<>()).put(id, new CountedRegistration(version, facts));
                organizations.put(facts.eventId(), snapshot.organizationId());
            }
            current.put(id, new CountedRegistration(version, facts));
            toRecord.put(id, current.get(id));
        }

        deltas.forEach((eventId, delta) -> {
            delta.values().removeIf(amount -> amount == 0);
            projections.addToCounters(eventId, organizations.get(eventId), newMarks.get(eventId), delta);
        });
        projections.recordCounted(toRecord);
        settle(inFlight, newMarks, current);
    }

    /** Clears the marks this batch set, and any older mark whose version is now recorded. */
    private void settle(Map<String, Map<String, CountedRegistration>> inFlight,
            Map<String, Map<String, CountedRegistration>> newMarks, Map<String, CountedRegistration> current) {
        Map<String, Map<String, Long>> settled = new LinkedHashMap<>();
        inFlight.forEach((eventId, marks) -> marks.forEach((id, mark) -> {
            CountedRegistration recorded = current.get(id);
            if (recorded != null && mark.version() <= recorded.version()) {
                settled.computeIfAbsent(eventId, e -> new LinkedHashMap<>()).put(id, mark.version());
            }
        }));
        newMarks.forEach((eventId, marks) -> marks.forEach((id, mark) ->
                settled.computeIfAbsent(eventId, e -> new LinkedHashMap<>()).put(id, mark.version())));
        settled.forEach(projections::settle);
    }
}
