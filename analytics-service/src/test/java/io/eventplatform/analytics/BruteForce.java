package io.eventplatform.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.eventplatform.analytics.rest.AnalyticsViews.EventAnalytics;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.ListCounts;
import io.eventplatform.common.contracts.RegistrationEvents.ListAdmission;
import io.eventplatform.analytics.rest.AnalyticsViews.EventRevenue;
import io.eventplatform.analytics.rest.AnalyticsViews.OverallStats;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.analytics.rest.AnalyticsViews.TicketTypeStat;
import io.eventplatform.analytics.rest.AnalyticsViews.TrendPoint;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.time.Clocks;

/** The analytics numbers recomputed the slow way, straight from the final snapshots, by the definitions of the issue. */
final class BruteForce {

    private static final Set<String> SEAT_HOLDING = Set.of("PENDING", "CONFIRMED");

    private BruteForce() {
    }

    private static boolean holdsSeat(RegistrationSnapshot r) {
        return r.deletedAt() == null && SEAT_HOLDING.contains(r.status());
    }

    private static List<RegistrationSnapshot> of(EventSnapshot event, Collection<RegistrationSnapshot> all) {
        return all.stream().filter(r -> r.eventId().equals(event.id()) && r.deletedAt() == null).toList();
    }

    private static double sum(List<RegistrationSnapshot> registrations) {
        return registrations.stream().map(r -> BigDecimal.valueOf(r.paymentAmount())).reduce(BigDecimal.ZERO, BigDecimal::add)
                .doubleValue();
    }

    private static ZoneId zone(EventSnapshot event) {
        return event.timezone() == null ? ZoneOffset.UTC : ZoneId.of(event.timezone());
    }

    static double rate(long checkedIn, long total) {
        return total == 0 ? 0 : BigDecimal.valueOf(checkedIn * 100.0 / total).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    static EventAnalytics analytics(EventSnapshot event, List<TicketTypeSnapshot> ticketTypes,
            Collection<RegistrationSnapshot> all) {
        List<RegistrationSnapshot> regs = of(event, all);
        List<RegistrationSnapshot> seated = regs.stream().filter(BruteForce::holdsSeat).toList();
        long checkedIn = seated.stream().filter(RegistrationSnapshot::checkedIn).count();
        ZoneId zone = zone(event);
        LocalDate today = Clocks.now().atZone(zone).toLocalDate();
        List<TrendPoint> trend = new ArrayList<>();
        for (int i = 29; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            trend.add(new TrendPoint(day.toString(),
                    regs.stream().filter(r -> r.createdAt().atZone(zone).toLocalDate().equals(day)).count()));
        }
        List<TicketTypeStat> stats = new ArrayList<>();
        for (TicketTypeSnapshot t : ticketTypes) {
            long sold = seated.stream().filter(r -> r.ticketTypeId().equals(t.id())).count();
            stats.add(new TicketTypeStat(t.id(), t.name(), sold, t.capacity(),
                    sum(regs.stream().filter(r -> r.ticketTypeId().equals(t.id()) && "COMPLETED".equals(r.paymentStatus())).toList()),
                    t.capacity() == null ? null : t.capacity() - sold));
        }
        return new EventAnalytics(event.id(), event.name(), seated.size(),
                seated.stream().filter(r -> "CONFIRMED".equals(r.status())).count(), checkedIn, rate(checkedIn, seated.size()),
                sum(regs.stream().filter(r -> "COMPLETED".equals(r.paymentStatus())).toList()),
                sum(seated.stream().filter(r -> "PENDING".equals(r.paymentStatus())).toList()), trend, stats, zone.getId());
    }

    static EventDetail detail(EventSnapshot event, Collection<RegistrationSnapshot> all) {
        List<RegistrationSnapshot> regs = of(event, all);
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> payment = new TreeMap<>();
        Map<String, Long> source = new TreeMap<>();
        Map<Integer, Long> hours = new TreeMap<>();
        for (RegistrationSnapshot r : regs) {
            status.merge(r.status(), 1L, Long::sum);
            payment.merge(r.paymentStatus(), 1L, Long::sum);
            source.merge(r.source() == null || r.source().isBlank() ? "unknown" : r.source(), 1L, Long::sum);
            if (holdsSeat(r) && r.checkedIn() && r.checkInTime() != null) {
                hours.merge(r.checkInTime().atZone(zone(event)).getHour(), 1L, Long::sum);
            }
        }
        Map<String, Long> byHour = new LinkedHashMap<>();
        hours.forEach((hour, count) -> byHour.put(hour.toString(), count));
        Map<String, ListCounts> lists = new TreeMap<>();
        for (RegistrationSnapshot r : regs.stream().filter(BruteForce::holdsSeat).toList()) {
            Map<String, ListAdmission> admissions = new HashMap<>(r.admissions() == null ? Map.of() : r.admissions());
            if (r.checkedIn()) {
                // Checked in before lists existed: one entry on the default list, still inside.
                admissions.putIfAbsent(event.id(), new ListAdmission(true, 1));
            }
            admissions.forEach((list, a) -> {
                if (a.entries() > 0) {
                    ListCounts before = lists.getOrDefault(list, new ListCounts(0, 0));
                    lists.put(list, new ListCounts(before.admittedCount() + 1, before.insideCount() + (a.inside() ? 1 : 0)));
                }
            });
        }
        return new EventDetail(event.id(), event.name(), regs.stream().filter(BruteForce::holdsSeat).count(), status, payment,
                source, byHour, zone(event).getId(), lists);
    }

    static OverallStats overall(List<EventSnapshot> events, Collection<RegistrationSnapshot> all) {
        long attendees = 0;
        double rates = 0;
        List<RegistrationSnapshot> orgRegs = new ArrayList<>();
        for (EventSnapshot event : events) {
            List<RegistrationSnapshot> seated = of(event, all).stream().filter(BruteForce::holdsSeat).toList();
            attendees += seated.size();
            rates += rate(seated.stream().filter(RegistrationSnapshot::checkedIn).count(), seated.size());
            orgRegs.addAll(of(event, all));
        }
        double average = events.isEmpty() ? 0
                : BigDecimal.valueOf(rates / events.size()).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
        return new OverallStats(events.size(), attendees,
                sum(orgRegs.stream().filter(r -> "COMPLETED".equals(r.paymentStatus())).toList()),
                sum(orgRegs.stream().filter(r -> holdsSeat(r) && "PENDING".equals(r.paymentStatus())).toList()), average);
    }

    /** {@code revenue_by_month} lists the months with revenue (free tickets paid in a month add no entry). */
    static Revenue revenue(List<EventSnapshot> events, Collection<RegistrationSnapshot> all) {
        List<RegistrationSnapshot> regs = new ArrayList<>();
        Map<String, Double> byName = new TreeMap<>();
        Map<String, EventRevenue> byId = new TreeMap<>();
        for (EventSnapshot event : events) {
            List<RegistrationSnapshot> eventRegs = of(event, all);
            regs.addAll(eventRegs);
            double revenue = sum(eventRegs.stream().filter(r -> "COMPLETED".equals(r.paymentStatus())).toList());
            byName.merge(event.name(), revenue, (a, b) -> BigDecimal.valueOf(a).add(BigDecimal.valueOf(b)).doubleValue());
            byId.put(event.id(), new EventRevenue(event.name(), revenue));
        }
        Map<String, List<RegistrationSnapshot>> months = new TreeMap<>();
        regs.stream().filter(r -> "COMPLETED".equals(r.paymentStatus()) && r.paymentDate() != null)
                .forEach(r -> months.computeIfAbsent(r.paymentDate().toString().substring(0, 7), m -> new ArrayList<>()).add(r));
        Map<String, Double> byMonth = new LinkedHashMap<>();
        months.forEach((month, paid) -> {
            if (sum(paid) != 0) {
                byMonth.put(month, sum(paid));
            }
        });
        return new Revenue(sum(regs.stream().filter(r -> "COMPLETED".equals(r.paymentStatus())).toList()),
                sum(regs.stream().filter(r -> holdsSeat(r) && "PENDING".equals(r.paymentStatus())).toList()),
                sum(regs.stream().filter(r -> Set.of("REFUNDED", "PARTIALLY_REFUNDED").contains(r.paymentStatus())).toList()),
                byName, byId, byMonth, regs.size());
    }
}
