package io.eventplatform.common.error;

import java.util.List;

/** A request that does not match its schema: 422 with {@code detail} as a list of {@link ValidationError}. */
public class ValidationException extends ApiException {

    private final List<ValidationError> errors;

    public ValidationException(List<ValidationError> errors) {
        super(422, errors.isEmpty() ? "Validation error" : errors.get(0).msg());
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
