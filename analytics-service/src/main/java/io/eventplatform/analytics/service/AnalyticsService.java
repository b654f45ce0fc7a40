package io.eventplatform.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.Decimal128;

import io.eventplatform.analytics.domain.FieldKeys;
import io.eventplatform.analytics.domain.Money;
import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.analytics.repository.ProjectionRepository;
import io.eventplatform.analytics.rest.AnalyticsViews.DashboardView;
import io.eventplatform.analytics.rest.AnalyticsViews.EventAnalytics;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.EventRevenue;
import io.eventplatform.analytics.rest.AnalyticsViews.ListCounts;
import io.eventplatform.analytics.rest.AnalyticsViews.OverallStats;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.analytics.rest.AnalyticsViews.TicketTypeStat;
import io.eventplatform.analytics.rest.AnalyticsViews.TrendPoint;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;

/** The three analytics reads, each from a fixed number of small projection documents per event. */
@ApplicationScoped
public class AnalyticsService {

    static final int TREND_DAYS = 30;
    private static final String EVENT_NOT_FOUND = "Event not found";

    private final ProjectionRepository projections;
    private final MembershipDirectory directory;

    public AnalyticsService(ProjectionRepository projections, MembershipDirectory directory) {
        this.projections = projections;
        this.directory = directory;
    }

    public DashboardView dashboard(String organizationId, String eventId, CurrentUser caller) {
        String organization = Ids.fromQuery(organizationId, "organization_id").toHexString();
        String event = eventId == null || eventId.isBlank() ? null : Ids.fromQuery(eventId, "event_id").toHexString();
        boolean showRevenue = directory.require(caller, organization, Permission.VIEW_ANALYTICS).has(Permission.VIEW_REVENUE);
        if (event != null) {
            Document stats = projections.event(event).filter(d -> organization.equals(d.getString("organization_id")))
                    .orElseThrow(() -> ApiException.notFound(EVENT_NOT_FOUND));
            return new DashboardView(eventAnalytics(stats, showRevenue), null);
        }
        List<Document> events = projections.eventsOf(organization, "seat_holding", "checked_in", "revenue", "pending_revenue");
        long attendees = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal pending = BigDecimal.ZERO;
        double rates = 0;
        for (Document stats : events) {
            Document counters = counters(stats);
            long seats = count(counters, "seat_holding");
            attendees += seats;
            revenue = revenue.add(micros(counters, "revenue"));
            pending = pending.add(micros(counters, "pending_revenue"));
            rates += attendanceRate(count(counters, "checked_in"), seats);
        }
        double average = events.isEmpty() ? 0 : round2(rates / events.size());
        return new DashboardView(null, new OverallStats(events.size(), attendees, amount(revenue, showRevenue),
                amount(pending, showRevenue), average));
    }

    public EventDetail eventDetail(String eventId, CurrentUser caller) {
        String id = Ids.fromPath(eventId, EVENT_NOT_FOUND).toHexString();
        Document stats = projections.event(id).orElseThrow(() -> ApiException.notFound(EVENT_NOT_FOUND));
        directory.require(caller, stats.getString("organization_id"), Permission.VIEW_ANALYTICS, EVENT_NOT_FOUND);
        Document counters = counters(stats);
        ZoneId zone = zone(stats);
        Map<Integer, Long> byHour = new TreeMap<>();
        counters(counters, "checkins").forEach((slot, count) -> byHour.merge(
                slotStart(slot).atZone(zone).getHour(), count, Long::sum));
        Map<String, Long> checkinByHour = new LinkedHashMap<>();
        byHour.forEach((hour, count) -> checkinByHour.put(Integer.toString(hour), count));
        return new EventDetail(id, stats.getString("name"), count(counters, "seat_holding"),
                breakdown(counters, "status"), breakdown(counters, "payment"), breakdown(counters, "source"),
                checkinByHour, zone.getId(), listCounts(counters));
    }

    public Revenue revenue(String organizationId, String startDate, String endDate, CurrentUser caller) {
        String organization = Ids.fromPath(organizationId, "Organization not found").toHexString();
        Instant from = parseDate(startDate, "start_date", false);
        Instant until = parseDate(endDate, "end_date", true);
        if (from != null && until != null && from.isAfter(until)) {
            throw ApiException.unprocessable("query", "end_date", "end_date must not be before start_date");
        }
        directory.require(caller, organization, Permission.VIEW_REVENUE);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal pending = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        long transactions = 0;
        Map<String, BigDecimal> byName = new TreeMap<>();
        Map<String, EventRevenue> byId = new TreeMap<>();
        Map<String, BigDecimal> byMonth = new TreeMap<>();
        for (Document stats : projections.eventsOf(organization, "revenue", "pending_revenue", "refunded_revenue",
                "registrations", "revenue_by_month")) {
            Instant start = stats.getDate("start_date") == null ? null : stats.getDate("start_date").toInstant();
            if ((from != null || until != null) && (start == null || (from != null && start.isBefore(from))
                    || (until != null && start.isAfter(until)))) {
                continue;
            }
            Document counters = counters(stats);
            BigDecimal eventRevenue = micros(counters, "revenue");
            total = total.add(eventRevenue);
            pending = pending.add(micros(counters, "pending_revenue"));
            refunded = refunded.add(micros(counters, "refunded_revenue"));
            transactions += count(counters, "registrations");
            byName.merge(stats.getString("name"), eventRevenue, BigDecimal::add);
            byId.put(stats.getString("_id"), new EventRevenue(stats.getString("name"), Money.fromMicros(eventRevenue)));
            Document months = counters.get("revenue_by_month", new Document());
            for (String month : months.keySet()) {
                if (micros(months, month).signum() != 0) {
                    byMonth.merge(month, micros(months, month), BigDecimal::add);
                }
            }
        }
        return new Revenue(Money.fromMicros(total), Money.fromMicros(pending), Money.fromMicros(refunded),
                amounts(byName), byId, amounts(byMonth), transactions);
    }

    private EventAnalytics eventAnalytics(Document stats, boolean showRevenue) {
        Document counters = counters(stats);
        ZoneId zone = zone(stats);
        long seats = count(counters, "seat_holding");
        long checkedIn = count(counters, "checked_in");
        return new EventAnalytics(stats.getString("_id"), stats.getString("name"), seats, count(counters, "confirmed"),
                checkedIn, attendanceRate(checkedIn, seats), amount(micros(counters, "revenue"), showRevenue),
                amount(micros(counters, "pending_revenue"), showRevenue), trend(counters, zone),
                ticketTypeStats(stats, counters, showRevenue), zone.getId());
    }

    /** An amount for a caller with VIEW_REVENUE; none (the field is omitted) for anyone else. */
    private static Double amount(BigDecimal micros, boolean showRevenue) {
        return showRevenue ? Money.fromMicros(micros) : null;
    }

    /** The last {@value #TREND_DAYS} days including today, in the event's zone, zeros included. */
    private static List<TrendPoint> trend(Document counters, ZoneId zone) {
        LocalDate today = Clocks.now().atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(TREND_DAYS - 1);
        Map<LocalDate, Long> days = new TreeMap<>();
        for (int i = 0; i < TREND_DAYS; i++) {
            days.put(first.plusDays(i), 0L);
        }
        counters(counters, "created").forEach((slot, count) -> {
            LocalDate day = slotStart(slot).atZone(zone).toLocalDate();
            if (!day.isBefore(first) && !day.isAfter(today)) {
                days.merge(day, count, Long::sum);
            }
        });
        List<TrendPoint> trend = new ArrayList<>(TREND_DAYS);
        days.forEach((day, count) -> trend.add(new TrendPoint(day.toString(), count)));
        return trend;
    }

    private static List<TicketTypeStat> ticketTypeStats(Document stats, Document counters, boolean showRevenue) {
        Document ticketTypes = stats.get("ticket_types", new Document());
        Document sold = counters.get("tt", new Document());
        List<Map.Entry<String, Object>> shown = new ArrayList<>(ticketTypes.entrySet());
        shown.removeIf(e -> Boolean.TRUE.equals(((Document) e.getValue()).getBoolean("deleted")));
        shown.sort(Comparator.comparing((Map.Entry<String, Object> e) -> ((Document) e.getValue()).getInteger("sort_order", 0))
                .thenComparing(Map.Entry::getKey));
        List<TicketTypeStat> result = new ArrayList<>();
        for (Map.Entry<String, Object> entry : shown) {
            Document meta = (Document) entry.getValue();
            Document counted = sold.get(entry.getKey(), new Document());
            long soldCount = count(counted, "sold");
            Integer capacity = meta.getInteger("capacity");
            result.add(new TicketTypeStat(FieldKeys.unescape(entry.getKey()), meta.getString("name"), soldCount, capacity,
                    amount(micros(counted, "revenue"), showRevenue), capacity == null ? null : capacity - soldCount));
        }
        return result;
    }

    /** By list id; the event's default list (the event's id) has the check-in numbers above. */
    private static Map<String, ListCounts> listCounts(Document counters) {
        Map<String, ListCounts> lists = new TreeMap<>();
        counters.get(RegistrationFacts.LISTS, new Document()).forEach((listId, value) -> {
            Document list = (Document) value;
            ListCounts counts = new ListCounts(count(list, "admitted"), count(list, "inside"));
            if (counts.admittedCount() != 0) {
                lists.put(FieldKeys.unescape(listId), counts);
            }
        });
        return lists;
    }

    private static Map<String, Long> breakdown(Document counters, String name) {
        Map<String, Long> breakdown = new TreeMap<>();
        counters(counters, name).forEach((key, count) -> {
            if (count != 0) {
                breakdown.put(FieldKeys.unescape(key), count);
            }
        });
        return breakdown;
    }

    private static Map<String, Double> amounts(Map<String, BigDecimal> micros) {
        Map<String, Double> amounts = new LinkedHashMap<>();
        micros.forEach((key, amount) -> amounts.put(key, Money.fromMicros(amount)));
        return amounts;
    }

    private static Document counters(Document stats) {
        return stats.get(RegistrationFacts.COUNTERS, new Document());
    }

    /** The non-zero counters of a map counter, keyed as stored. */
    private static Map<String, Long> counters(Document counters, String name) {
        Map<String, Long> values = new LinkedHashMap<>();
        counters.get(name, new Document()).forEach((key, value) -> {
            long count = ((Number) value).longValue();
            if (count != 0) {
                values.put(key, count);
            }
        });
        return values;
    }

    private static long count(Document counters, String name) {
        Object value = counters.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** An amount counter, in millionths: Decimal128 (or a long, as counters were written before). */
    private static BigDecimal micros(Document counters, String name) {
        Object value = counters.get(name);
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value == null ? BigDecimal.ZERO : BigDecimal.valueOf(((Number) value).longValue());
    }

    private static Instant slotStart(String slot) {
        return Instant.ofEpochSecond(Long.parseLong(slot) * RegistrationFacts.SLOT_SECONDS);
    }

    static double attendanceRate(long checkedIn, long registrations) {
        return registrations == 0 ? 0 : round2(checkedIn * 100.0 / registrations);
    }

    private static double round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static ZoneId zone(Document stats) {
        String timezone = stats.getString("timezone");
        try {
            return timezone == null || timezone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** An ISO-8601 date-time (without a zone: UTC) or a date (the start of that day; for an end, its end). */
    private static Instant parseDate(String value, String parameter, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate day = LocalDate.parse(text);
                    return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                            : day.atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw ApiException.unprocessable("query", parameter,
                            parameter + " must be an ISO-8601 date or date-time, e.g. 2024-01-01T00:00:00Z");
                }
            }
        }
    }
}
