package io.eventplatform.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Free-form JSON (a {@code Map<String, Object>} such as custom fields) that every store and topic accepts: at most
 * {@link #maxEntries()} entries, {@link #maxDepth()} levels and {@link #maxChars()} characters in all; keys of 1 to
 * {@link Limits#FREE_FORM_KEY} characters that are safe as document field names (no leading {@code $}, no dot, no
 * control character); values that are text, true/false, null, finite numbers of at most 64 bits, lists or objects.
 */
@Documented
@Constraint(validatedBy = FreeFormFieldsValidator.class)
@Target({ FIELD, METHOD, PARAMETER })
@Retention(RUNTIME)
public @interface FreeFormFields {

    String message() default "invalid free-form fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int maxEntries() default Limits.FREE_FORM_ENTRIES;

    int maxDepth() default Limits.FREE_FORM_DEPTH;

    int maxChars() default Limits.FREE_FORM_CHARS;
}
