package io.eventplatform.registration.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.MongoWriteException;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.repository.CheckInListRepository;
import io.eventplatform.registration.rest.CheckInListRequests;

/**
 * An event's check-in lists: EDIT_EVENT manages them, CHECK_IN_ATTENDEES reads them (and scans on them: see
 * {@link ScanService}). The default list (id: the event's id) is stored only once someone changes it, and cannot be
 * deleted.
 */
@ApplicationScoped
public class CheckInListService {

    private static final String NOT_FOUND = "Check-in list not found";
    private static final String CONFLICT = "The check-in list is being changed concurrently; try again";
    private static final String NAME_TAKEN = "The event already has a check-in list of that name";

    private final CheckInListRepository lists;
    private final CatalogLookup catalog;
    private final MembershipDirectory directory;

    public CheckInListService(CheckInListRepository lists, CatalogLookup catalog, MembershipDirectory directory) {
        this.lists = lists;
        this.catalog = catalog;
        this.directory = directory;
    }

    /** The event's default list as it stands (within the repository's cache time). */
    public CheckInList defaultList(String eventId, String organizationId) {
        return lists.recent(new ObjectId(eventId)).orElseGet(() -> CheckInList.defaultOf(eventId, organizationId));
    }

    public List<CheckInList> ofEvent(String eventId, CurrentUser caller) {
        EventSnapshot event = catalog.event(Ids.fromQuery(eventId, "event_id").toHexString());
        directory.require(caller, event.organizationId(), Permission.CHECK_IN_ATTENDEES, "Event not found");
        List<CheckInList> stored = lists.ofEvent(event.id());
        List<CheckInList> all = new ArrayList<>();
        all.add(stored.stream().filter(CheckInList::isDefault).findFirst()
                .orElseGet(() -> CheckInList.defaultOf(event.id(), event.organizationId())));
        stored.stream().filter(list -> !list.isDefault()).forEach(all::add);
        return all;
    }

    public CheckInList get(String id, CurrentUser caller) {
        CheckInList list = load(id, false);
        directory.require(caller, list.organizationId, Permission.CHECK_IN_ATTENDEES, NOT_FOUND);
        return list;
    }

    public CheckInList create(CheckInListRequests.Settings request, CurrentUser caller) {
        EventSnapshot event = catalog.event(Ids.fromBody(request.eventId(), "event_id").toHexString());
        directory.require(caller, event.organizationId(), Permission.EDIT_EVENT, "Event not found");
        CheckInList list = new CheckInList();
        list.id = new ObjectId();
        list.eventId = event.id();
        list.organizationId = event.organizationId();
        list.createdAt = Clocks.now();
        requireValid(event.id(), request);
        apply(request, list);
        requireNameOfNoOtherDefault(list);
        if (!lists.insertIfAbsent(list)) {
            throw new ApiException(409, NAME_TAKEN);
        }
        return list;
    }

    /** Replaces the list's settings (the default list's too: it is stored from then on). */
    public CheckInList replace(String id, CheckInListRequests.Settings settings, CurrentUser caller) {
        CheckInList current = load(id, false);
        directory.require(caller, current.organizationId, Permission.EDIT_EVENT, NOT_FOUND);
        if (settings.eventId() != null && !settings.eventId().equals(current.eventId)) {
            throw ApiException.unprocessable("body", "event_id", "a check-in list stays with its event");
        }
        requireValid(current.eventId, settings);
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            CheckInList list = attempt == 0 ? current : load(id, false);
            boolean stored = list.createdAt != null;
            long version = list.version;
            apply(settings, list);
            requireNameOfNoOtherDefault(list);
            if (stored) {
                try {
                    return lists.saveIfUnchanged(list, version) ? Optional.of(list) : Optional.empty();
                } catch (MongoWriteException e) {
                    if (UniqueInserts.isDuplicateKey(e)) {
                        throw new ApiException(409, NAME_TAKEN);
                    }
                    throw e;
                }
            }
            list.createdAt = list.updatedAt;
            if (lists.insertIfAbsent(list)) {
                return Optional.of(list);
            }
            // Either someone stored the default list a moment ago (try again on it) or another list has the name.
            if (lists.findByIdOptional(list.id).isEmpty()) {
                throw new ApiException(409, NAME_TAKEN);
            }
            return Optional.empty();
        });
    }

    public void delete(String id, CurrentUser caller) {
        CheckInList list = load(id, false);
        directory.require(caller, list.organizationId, Permission.EDIT_EVENT, NOT_FOUND);
        if (list.isDefault()) {
            throw ApiException.badRequest("The event's default check-in list cannot be deleted");
        }
        lists.remove(list.id);
    }

    /**
     * A stored list, or the default list of the event whose id it is; 404 otherwise. {@code recent}: as of at most the
     * repository's cache time (what a scan reads).
     */
    CheckInList load(String id, boolean recent) {
        ObjectId listId = Ids.fromPath(id, NOT_FOUND);
        Optional<CheckInList> stored = recent ? lists.recent(listId) : lists.findByIdOptional(listId);
        return stored.orElseGet(() -> {
            try {
                EventSnapshot event = catalog.event(listId.toHexString());
                return CheckInList.defaultOf(event.id(), event.organizationId());
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw ApiException.notFound(NOT_FOUND);
                }
                throw e;
            }
        });
    }

    /** A window that ends before it starts, or a ticket type of another event (or none), is a 422. */
    private void requireValid(String eventId, CheckInListRequests.Settings settings) {
        if (settings.validFrom() != null && settings.validUntil() != null && settings.validFrom().isAfter(settings.validUntil())) {
            throw ApiException.unprocessable("body", "valid_until", "valid_until must not be before valid_from");
        }
        for (String ticketTypeId : ticketTypeIds(settings)) {
            boolean ofThisEvent;
            try {
                ofThisEvent = catalog.ticketType(eventId, ticketTypeId).eventId().equals(eventId);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
                ofThisEvent = false;
            }
            if (!ofThisEvent) {
                throw ApiException.unprocessable("body", "ticket_type_ids", "not a ticket type of this event: " + ticketTypeId);
            }
        }
    }

    /** No list may take the name of the event's default list, which exists before it is stored. */
    private void requireNameOfNoOtherDefault(CheckInList list) {
        if (!list.isDefault() && defaultList(list.eventId, list.organizationId).name.equals(list.name)) {
            throw new ApiException(409, NAME_TAKEN);
        }
    }

    private static List<String> ticketTypeIds(CheckInListRequests.Settings settings) {
        return settings.ticketTypeIds() == null ? List.of() : List.copyOf(settings.ticketTypeIds());
    }

    private void apply(CheckInListRequests.Settings settings, CheckInList list) {
        list.name = settings.name().trim();
        list.ticketTypeIds = new ArrayList<>(ticketTypeIds(settings));
        list.validFrom = settings.validFrom();
        list.validUntil = settings.validUntil();
        list.allowMultipleEntries = Boolean.TRUE.equals(settings.allowMultipleEntries());
        list.allowEntryAfterExit = !Boolean.FALSE.equals(settings.allowEntryAfterExit());
        list.updatedAt = Clocks.now();
        list.version++;
    }
}
