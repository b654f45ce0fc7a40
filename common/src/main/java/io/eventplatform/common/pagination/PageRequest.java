package io.eventplatform.common.pagination;

import io.eventplatform.common.error.ApiException;

/** {@code page} (from 1) and {@code limit} (1 to {@link #MAX_LIMIT}) of a list endpoint; out of range is a 422. */
public record PageRequest(int page, int limit) {

    /** The prototype's lists had no pages; a client that does not ask for one gets the largest page. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_PAGE = 1_000_000;

    /** From the raw query values, so that {@code page=two} is a 422 like any other bad value. */
    public static PageRequest of(String page, String limit) {
        return of(number(page, "page"), number(limit, "limit"));
    }

    /** A raw {@code limit} from 1 to {@code max} (absent: {@code max}) for a list with pages larger than {@link #MAX_LIMIT}. */
    public static int limitUpTo(String limit, int max) {
        Integer size = number(limit, "limit");
        if (size == null) {
            return max;
        }
        if (size < 1 || size > max) {
            throw ApiException.unprocessable("query", "limit", "limit must be between 1 and " + max);
        }
        return size;
    }

    private static Integer number(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable("query", parameter, parameter + " must be a whole number");
        }
    }

    public static PageRequest of(Integer page, Integer limit) {
        int p = page == null ? 1 : page;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (p < 1 || p > MAX_PAGE) {
            throw ApiException.unprocessable("query", "page", "page must be between 1 and " + MAX_PAGE);
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.unprocessable("query", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(p, l);
    }

    public int skip() {
        return (page - 1) * limit;
    }
}
