package dev.pertinence.decision;

import java.time.LocalDate;
import java.util.List;

/**
 * An offer for a moment: eligible from {@code daysBefore} days before an event of {@code type}
 * to {@code daysAfter} days after it (a child's birthday: 21 before, 3 after).
 */
public record LifeEventTarget(String type, int daysBefore, int daysAfter) {

    /** The context weight of an offer whose moment has come (×1.5): the occasion makes it timely. */
    public static final double BOOST = 1.5;

    /**
     * The person's nearest event of this type in the window, as a reason, or null when none is. Of two equally near,
     * the coming one (as {@link LifeEvent#daysUntil} chooses between the occurrences of one event), whatever the order
     * the events are listed in.
     */
    public String match(List<LifeEvent> events, LocalDate today) {
        LifeEvent nearest = null;
        Long nearestDays = null;
        for (LifeEvent event : events) {
            if (!event.type().equals(type)) {
                continue;
            }
            Long days = event.daysUntil(today, daysBefore, daysAfter);
            if (days != null && (nearestDays == null || Math.abs(days) < Math.abs(nearestDays)
                    || (Math.abs(days) == Math.abs(nearestDays) && days > nearestDays))) {
                nearest = event;
                nearestDays = days;
            }
        }
        return nearest == null ? null : nearest.describe(nearestDays);
    }

    /** Why the offer is not for now, for explain. */
    public String missing() {
        return "no " + new LifeEvent(type, LocalDate.EPOCH, true).label().toLowerCase(java.util.Locale.ROOT)
                + " from " + daysBefore + " days before to " + daysAfter + " days after today";
    }
}
