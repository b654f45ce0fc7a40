package io.eventplatform.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.eventplatform.common.events.PoisonMessageException;

/**
 * Amounts are counted in millionths, exactly; they are shown as numbers with up to six decimals. One amount is a long
 * (at most {@link #MAX_AMOUNT}); sums are stored as Decimal128 (34 exact digits), so no realistic count overflows.
 */
public final class Money {

    /** Far above any price the API accepts, and small enough that one amount in millionths fits a long. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000_000L);
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private Money() {
    }

    /** An amount beyond {@link #MAX_AMOUNT} is not a price: the registration carrying it is a poison message. */
    public static long toMicros(double amount) {
        if (!Double.isFinite(amount) || BigDecimal.valueOf(amount).abs().compareTo(MAX_AMOUNT) > 0) {
            throw new PoisonMessageException(
                    "Amount " + amount + " is beyond what analytics counts (" + MAX_AMOUNT.toPlainString() + ")");
        }
        return BigDecimal.valueOf(amount).multiply(MICROS).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    public static double fromMicros(BigDecimal micros) {
        return micros.divide(MICROS).doubleValue();
    }
}
