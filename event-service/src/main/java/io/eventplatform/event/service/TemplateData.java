package io.eventplatform.event.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.event.domain.TicketType;

/**
 * A template's {@code template_data}: event defaults and ticket types. Prices may be numbers or numeric strings (the
 * documented example uses strings); anything else is rejected when the template is made, not when it is used.
 */
final class TemplateData {

    private TemplateData() {
    }

    private static final List<String> TEXT_FIELDS = List.of("description", "venue", "cover_image", "logo", "primary_color");
    private static final List<String> FLAG_FIELDS = List.of("is_virtual", "require_approval");

    /** Checks a template's data when it is saved, so that using it later cannot fail; 422 naming the bad field. */
    static Document validated(Map<String, Object> data) {
        Document document = new Document(data);
        for (String key : document.keySet()) {
            if (key.startsWith("$") || key.contains(".")) {
                throw ApiException.unprocessable("body", "template_data", "keys may not start with $ or contain a dot");
            }
        }
        for (String field : TEXT_FIELDS) {
            if (document.get(field) != null && !(document.get(field) instanceof String)) {
                throw ApiException.unprocessable("body", "template_data", field + " must be text");
            }
        }
        for (String field : FLAG_FIELDS) {
            if (document.get(field) != null && !(document.get(field) instanceof Boolean)) {
                throw ApiException.unprocessable("body", "template_data", field + " must be true or false");
            }
        }
        Object ticketTypes = document.get("ticket_types");
        if (ticketTypes != null && !(ticketTypes instanceof List)) {
            throw ApiException.unprocessable("body", "template_data", "ticket_types must be a list");
        }
        ticketTypes(document, Instant.EPOCH);
        integer(document, "max_attendees");
        return document;
    }

    static String text(Document data, String field) {
        return data.get(field) instanceof String value ? value : null;
    }

    static Boolean flag(Document data, String field) {
        return data.get(field) instanceof Boolean value ? value : null;
    }

    static Integer integer(Document data, String field) {
        Object value = data.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        throw ApiException.unprocessable("body", "template_data", field + " must be a whole number");
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
            ticketType.capacity = fields.get("capacity") == null ? null : (int) amount(fields.get("capacity"), "capacity");
            ticketType.isEarlyBird = Boolean.TRUE.equals(fields.get("is_early_bird"));
            ticketType.earlyBirdPrice = fields.get("early_bird_price") == null ? null : amount(fields.get("early_bird_price"), "early_bird_price");
            ticketType.earlyBirdEnds = instant(fields.get("early_bird_ends"));
            if (ticketType.isEarlyBird && (ticketType.earlyBirdPrice == null || ticketType.earlyBirdEnds == null)) {
                throw ApiException.unprocessable("body", "template_data", "an early-bird ticket type needs early_bird_price and early_bird_ends");
            }
            ticketType.sortOrder = fields.get("sort_order") instanceof Number s ? s.intValue() : 0;
            ticketType.isActive = true;
            ticketType.createdAt = now;
            ticketType.updatedAt = now;
            ticketType.version = 1;
            if (ticketType.capacity != null && ticketType.capacity < 0) {
                throw ApiException.unprocessable("body", "template_data", "capacity must not be negative");
            }
            result.add(ticketType);
        }
        return result;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.unprocessable("body", "template_data", "early_bird_ends must be an ISO-8601 time such as 2030-11-01T00:00:00Z");
        }
    }

    private static double amount(Object value, String field) {
        double amount;
        if (value instanceof Number number) {
            amount = number.doubleValue();
        } else if (value instanceof String text) {
            try {
                amount = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw ApiException.unprocessable("body", "template_data", field + " must be a number");
            }
        } else {
            throw ApiException.unprocessable("body", "template_data", field + " must be a number");
        }
        if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
            throw ApiException.unprocessable("body", "template_data", field + " must not be negative");
        }
        return amount;
    }
}
