package io.eventplatform.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts are counted in millionths, exactly; they are shown as numbers with up to six decimals. */
public final class Money {
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private Money() {
    }

    public static long toMicros(double amount) {
        return BigDecimal.valueOf(amount).multiply(MICROS).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    public static double fromMicros(long micros) {
        return BigDecimal.valueOf(micros).divide(MICROS).doubleValue();
    }
}
