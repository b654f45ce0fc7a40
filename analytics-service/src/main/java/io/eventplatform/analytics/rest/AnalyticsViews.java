package io.eventplatform.analytics.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The response shapes of API.md; the {@code timezone} fields and {@code revenue_by_event_id} are additions. */
public final class AnalyticsViews {

    private AnalyticsViews() {
    }

    /** One of the two is set: {@code analytics} for one event, {@code overall_stats} for the organization. */
    public record DashboardView(EventAnalytics analytics, OverallStats overallStats) {
    }

    /**
     * {@code timezone}: the zone of the trend's days (the event's, UTC when it has none). The revenue fields are
     * omitted for a caller without VIEW_REVENUE.
     */
    public record EventAnalytics(String eventId, String eventName, long totalRegistrations, long confirmedRegistrations,
            long checkedIn, double attendanceRate, @JsonInclude(JsonInclude.Include.NON_NULL) Double totalRevenue,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double pendingRevenue,
            List<TrendPoint> registrationTrend, List<TicketTypeStat> ticketTypeStats, String timezone) {
    }

    public record TrendPoint(String date, long count) {
    }

    /** {@code revenue} is omitted for a caller without VIEW_REVENUE. */
    public record TicketTypeStat(String id, String name, long sold, Integer capacity,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double revenue, Long remaining) {
    }

    /** The revenue fields are omitted for a caller without VIEW_REVENUE. */
    public record OverallStats(long totalEvents, long totalAttendees,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double totalRevenue,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double pendingRevenue, double averageAttendanceRate) {
    }

    /** {@code checkin_by_hour}: hour of the day (0-23) in {@code timezone} → check-ins. */
    public record EventDetail(String eventId, String eventName, long totalRegistrations, Map<String, Long> statusBreakdown,
            Map<String, Long> paymentStatusBreakdown, Map<String, Long> sourceBreakdown, Map<String, Long> checkinByHour,
            String timezone, Map<String, ListCounts> checkInLists) {
    }

    /** Of one check-in list, seat holders only: who came in at least once, and who is inside now. */
    public record ListCounts(long admittedCount, long insideCount) {
    }

    /** {@code revenue_by_event} is keyed by event name as the prototype (same-named events add up); the id twin does not merge. */
    public record Revenue(double totalRevenue, double pendingRevenue, double refundedRevenue,
            Map<String, Double> revenueByEvent, Map<String, EventRevenue> revenueByEventId,
            Map<String, Double> revenueByMonth, long totalTransactions) {
    }

    public record EventRevenue(String name, double revenue) {
    }

    public record RebuildView(long generation, String detail) {
    }
}
