package io.eventplatform.common.error;

import java.util.ArrayList;
import java.util.List;

/** One entry of a 422 body, shaped like FastAPI's: {@code {"loc": ["body", "email"], "msg": "...", "type": "..."}}. */
public record ValidationError(List<Object> loc, String msg, String type) {

    public static ValidationError of(String location, String field, String msg, String type) {
        List<Object> loc = new ArrayList<>();
        loc.add(location);
        if (field != null) {
            loc.add(field);
        }
        return new ValidationError(loc, msg, type);
    }
}
