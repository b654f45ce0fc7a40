package io.eventplatform.common.validation;

import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link FreeFormFields}; the messages never repeat the input (they are message templates). */
public class FreeFormFieldsValidator implements ConstraintValidator<FreeFormFields, Map<String, Object>> {

    private FreeFormFields bounds;

    @Override
    public void initialize(FreeFormFields annotation) {
        this.bounds = annotation;
    }

    @Override
    public boolean isValid(Map<String, Object> fields, ConstraintValidatorContext context) {
        if (fields == null) {
            return true;
        }
        String problem = fields.size() > bounds.maxEntries()
                ? "at most " + bounds.maxEntries() + " entries"
                : problem(fields, 1, new int[] { 0 });
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }

    /** Walks the value, counting characters in {@code chars}; the first problem found, or null. */
    private String problem(Object value, int depth, int[] chars) {
        if (value instanceof Map<?, ?> map || value instanceof Iterable<?>) {
            if (depth > bounds.maxDepth()) {
                return "at most " + bounds.maxDepth() + " levels of nesting";
            }
            Iterable<?> items = value instanceof Map<?, ?> m ? m.entrySet() : (Iterable<?>) value;
            for (Object item : items) {
                Object child = item;
                if (item instanceof Map.Entry<?, ?> entry) {
                    String key = String.valueOf(entry.getKey());
                    if (!isSafeKey(key)) {
                        return "keys must have 1 to " + Limits.FREE_FORM_KEY
                                + " characters, not start with $ and contain no dot or control character";
                    }
                    chars[0] += key.length();
                    child = entry.getValue();
                }
                String problem = problem(child, depth + 1, chars);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value != null && !(value instanceof String) && !(value instanceof Boolean) && !isStorableNumber(value)) {
            return "values must be text, true or false, null, numbers of at most 64 bits, lists or objects";
        }
        chars[0] += Math.max(1, value instanceof String text ? text.length() : String.valueOf(value).length());
        return chars[0] > bounds.maxChars() ? "at most " + bounds.maxChars() + " characters in all" : null;
    }

    private static boolean isSafeKey(String key) {
        if (key.isEmpty() || key.length() > Limits.FREE_FORM_KEY || key.startsWith("$") || key.contains(".")) {
            return false;
        }
        return key.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static boolean isStorableNumber(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return true;
        }
        return value instanceof Double number && Double.isFinite(number);
    }
}
