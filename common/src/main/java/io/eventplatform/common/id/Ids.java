package io.eventplatform.common.id;

import org.bson.types.ObjectId;

import io.eventplatform.common.error.ApiException;

/**
 * Ids are 24-hex ObjectIds. A malformed id is never a 500: in a path it names nothing (404), in a body or a
 * query it is a schema violation (422).
 */
public final class Ids {

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ObjectId.isValid(id);
    }

    /** A path id: malformed means "not found" with the resource's own message, e.g. "Event not found". */
    public static ObjectId fromPath(String id, String notFoundDetail) {
        if (!isValid(id)) {
            throw ApiException.notFound(notFoundDetail);
        }
        return new ObjectId(id);
    }

    public static ObjectId fromBody(String id, String field) {
        if (!isValid(id)) {
            throw ApiException.unprocessable("body", field, "Invalid id: expected a 24-character hex string");
        }
        return new ObjectId(id);
    }

    public static ObjectId fromQuery(String id, String parameter) {
        if (!isValid(id)) {
            throw ApiException.unprocessable("query", parameter, "Invalid id: expected a 24-character hex string");
        }
        return new ObjectId(id);
    }
}
