package io.eventplatform.event.service;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.validation.Formats;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.EventStatus;
import io.eventplatform.event.rest.EventRequests;

/** What a valid event is, and how a change request moves it (status and publishing stay consistent). */
final class EventRules {

    private EventRules() {
    }

    static void validate(Event event) {
        Formats.timeZone(event.timezone);
        if (event.endDate.isBefore(event.startDate)) {
            throw ApiException.badRequest("end_date must not be before start_date");
        }
        if (event.registrationOpenDate != null && event.registrationCloseDate != null
                && !event.registrationOpenDate.isBefore(event.registrationCloseDate)) {
            throw ApiException.badRequest("registration_open_date must be before registration_close_date");
        }
        if (event.registrationCloseDate != null && event.registrationCloseDate.isAfter(event.endDate)) {
            throw ApiException.badRequest("registration_close_date must not be after end_date");
        }
        if (event.isVirtual && (event.virtualUrl == null || event.virtualUrl.isBlank())) {
            throw ApiException.badRequest("virtual_url is required for a virtual event");
        }
    }

    static EventStatus status(String value, String location) {
        try {
            return EventStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(location, "status", "status must be DRAFT, PUBLISHED, ONGOING, COMPLETED or CANCELLED");
        }
    }

    /** Applies a PATCH; publishing (by status or is_published) sets both fields, and published_at once. */
    static void apply(Event e, EventRequests.UpdateEvent r) {
        if (r.name() != null) {
            e.name = r.name().trim();
        }
        if (r.description() != null) {
            e.description = r.description();
        }
        if (r.startDate() != null) {
            e.startDate = r.startDate();
        }
        if (r.endDate() != null) {
            e.endDate = r.endDate();
        }
        if (r.timezone() != null) {
            e.timezone = r.timezone();
        }
        if (r.venue() != null) {
            e.venue = r.venue();
        }
        if (r.address() != null) {
            e.address = r.address();
        }
        if (r.city() != null) {
            e.city = r.city();
        }
        if (r.country() != null) {
            e.country = r.country();
        }
        if (r.isVirtual() != null) {
            e.isVirtual = r.isVirtual();
        }
        if (r.virtualUrl() != null) {
            e.virtualUrl = r.virtualUrl();
        }
        if (r.coverImage() != null) {
            e.coverImage = r.coverImage();
        }
        if (r.logo() != null) {
            e.logo = r.logo();
        }
        if (r.primaryColor() != null) {
            e.primaryColor = r.primaryColor();
        }
        if (r.maxAttendees() != null) {
            e.maxAttendees = r.maxAttendees();
        }
        if (r.registrationOpenDate() != null) {
            e.registrationOpenDate = r.registrationOpenDate();
        }
        if (r.registrationCloseDate() != null) {
            e.registrationCloseDate = r.registrationCloseDate();
        }
        if (r.requireApproval() != null) {
            e.requireApproval = r.requireApproval();
        }
        if (r.waitlistEnabled() != null) {
            e.waitlistEnabled = r.waitlistEnabled();
        }
        if (r.signedTickets() != null) {
            e.signedTickets = r.signedTickets();
        }
        EventStatus target = targetStatus(e, r);
        if (!e.status.canBecome(target)) {
            throw ApiException.badRequest("Cannot change an event's status from " + e.status + " to " + target);
        }
        e.status = target;
        e.isPublished = target == EventStatus.PUBLISHED || target == EventStatus.ONGOING || target == EventStatus.COMPLETED;
        if (target == EventStatus.PUBLISHED && e.publishedAt == null) {
            e.publishedAt = io.eventplatform.common.time.Clocks.now();
        }
    }

    private static EventStatus targetStatus(Event e, EventRequests.UpdateEvent r) {
        if (r.status() != null) {
            if (r.isPublished() != null && r.isPublished() != (r.status() != EventStatus.DRAFT && r.status() != EventStatus.CANCELLED)) {
                throw ApiException.badRequest("status " + r.status() + " contradicts is_published " + r.isPublished());
            }
            return r.status();
        }
        if (r.isPublished() != null) {
            if (r.isPublished()) {
                return e.isPublished ? e.status : EventStatus.PUBLISHED;
            }
            return e.isPublished ? EventStatus.DRAFT : e.status;
        }
        return e.status;
    }
}
