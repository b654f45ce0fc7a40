package io.eventplatform.event.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.rest.EventRequests;

/**
 * A template's {@code template_data} as stored: event defaults and ticket types. What a request gives is checked by
 * {@link EventRequests.TemplateData}'s constraints (those of the event fields it becomes); the ticket-type rules are
 * checked when the template is made, so that using it later cannot fail.
 */
final class TemplateData {

    private TemplateData() {
    }

    /** The given fields of a request's template data, in the stored shape (snake_case, prices as numbers). */
    static Document document(EventRequests.TemplateData data) {
        Document document = new Document();
        putIfGiven(document, "description", data.description());
        putIfGiven(document, "venue", data.venue());
        putIfGiven(document, "is_virtual", data.isVirtual());
        putIfGiven(document, "max_attendees", data.maxAttendees());
        putIfGiven(document, "require_approval", data.requireApproval());
        putIfGiven(document, "cover_image", data.coverImage());
        putIfGiven(document, "logo", data.logo());
        putIfGiven(document, "primary_color", data.primaryColor());
        if (data.ticketTypes() != null) {
            List<Document> ticketTypes = new ArrayList<>();
            for (EventRequests.TemplateTicketType t : data.ticketTypes()) {
                Document ticketType = new Document("name", t.name());
                putIfGiven(ticketType, "description", t.description());
                putIfGiven(ticketType, "price", t.price());
                putIfGiven(ticketType, "capacity", t.capacity());
                putIfGiven(ticketType, "is_early_bird", t.isEarlyBird());
                putIfGiven(ticketType, "early_bird_price", t.earlyBirdPrice());
                putIfGiven(ticketType, "early_bird_ends", t.earlyBirdEnds() == null ? null : t.earlyBirdEnds().toString());
                putIfGiven(ticketType, "sort_order", t.sortOrder());
                ticketTypes.add(ticketType);
            }
            document.put("ticket_types", ticketTypes);
        }
        return document;
    }

    /** Checks the ticket types a template would create against the rules of ticket types; 400 or 422 otherwise. */
    static Document validated(Document data) {
        if (data.get("ticket_types") instanceof List<?> list && list.size() > Limits.TICKET_TYPES) {
            throw ApiException.unprocessable("body", "template_data", "at most " + Limits.TICKET_TYPES + " ticket types");
        }
        ticketTypes(data, Instant.EPOCH).forEach(TicketTypeService::validate);
        return data;
    }

    static String text(Document data, String field) {
        return data.get(field) instanceof String value ? value : null;
    }

    static Boolean flag(Document data, String field) {
        return data.get(field) instanceof Boolean value ? value : null;
    }

    static Integer integer(Document data, String field) {
        return wholeNumber(data.get(field), field, 1);
    }

    /**
     * A whole number from {@code min} to {@link Limits#MAX_SEATS}, as any version stored it (an integer, a long, an
     * integral double or numeric text); a 422 otherwise, never dropped.
     */
    private static Integer wholeNumber(Object value, String field, int min) {
        if (value == null) {
            return null;
        }
        double number = amount(value, field);
        if (number != Math.rint(number) || number < min || number > Limits.MAX_SEATS) {
            throw ApiException.unprocessable("body", "template_data",
                    field + " must be a whole number from " + min + " to " + Limits.MAX_SEATS);
        }
        return (int) number;
    }

    static List<TicketType> ticketTypes(Document data, Instant now) {
        List<TicketType> result = new ArrayList<>();
        Object list = data.get("ticket_types");
        if (!(list instanceof List<?> entries)) {
            return result;
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("name") instanceof String name) || name.isBlank()) {
                throw ApiException.unprocessable("body", "template_data", "each ticket type needs a name");
            }
            TicketType ticketType = new TicketType();
            ticketType.id = new ObjectId();
            ticketType.name = name;
            ticketType.description = fields.get("description") instanceof String d ? d : null;
            ticketType.price = amount(fields.get("price"), "price");
            ticketType.capacity = wholeNumber(fields.get("capacity"), "capacity", 0);
            ticketType.isEarlyBird = Boolean.TRUE.equals(fields.get("is_early_bird"));
            ticketType.earlyBirdPrice = fields.get("early_bird_price") == null ? null : amount(fields.get("early_bird_price"), "early_bird_price");
            ticketType.earlyBirdEnds = fields.get("early_bird_ends") == null ? null : Instant.parse(String.valueOf(fields.get("early_bird_ends")));
            ticketType.sortOrder = fields.get("sort_order") instanceof Integer s ? s : 0;
            ticketType.isActive = true;
            ticketType.createdAt = now;
            ticketType.updatedAt = now;
            ticketType.version = 1;
            result.add(ticketType);
        }
        return result;
    }

    /** Stored prices are numbers; templates stored before prices were checked may hold numeric text. */
    private static double amount(Object value, String field) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("body", "template_data", field + " must be a number");
        }
    }

    private static void putIfGiven(Document document, String field, Object value) {
        if (value != null) {
            document.put(field, value);
        }
    }
}
