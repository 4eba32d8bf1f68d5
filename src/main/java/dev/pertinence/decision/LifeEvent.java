package dev.pertinence.decision;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A moment in a person's life: a birthday, a child's birthday, a wedding, a birth, a baptism, a
 * move. A recurring one comes back every year on its date (29 February: on the 28th in other
 * years); a one-off one happens once.
 */
public record LifeEvent(String type, LocalDate date, boolean recurring) {

    public static final String BIRTHDAY = "birthday";
    public static final String CHILD_BIRTHDAY = "child_birthday";
    public static final String WEDDING = "wedding";
    public static final String BIRTH = "birth";
    public static final String BAPTISM = "baptism";
    public static final String MOVING_HOUSE = "moving_house";

    /**
     * Days from {@code today} to the occurrence nearest to it within [-after, +before] (negative:
     * it was that many days ago), or null when none falls in that window.
     */
    public Long daysUntil(LocalDate today, int before, int after) {
        Long best = null;
        for (LocalDate occurrence : recurring ? anniversaries(today) : new LocalDate[] {date}) {
            if (occurrence.isBefore(date)) {
                continue; // an anniversary before the first occurrence is no occasion
            }
            long days = ChronoUnit.DAYS.between(today, occurrence);
            if (days <= before && days >= -after && (best == null || Math.abs(days) < Math.abs(best)
                    || (Math.abs(days) == Math.abs(best) && days > best))) {
                best = days;
            }
        }
        return best;
    }

    private LocalDate[] anniversaries(LocalDate today) {
        int year = today.getYear();
        return new LocalDate[] {on(year - 1), on(year), on(year + 1)};
    }

    /** The date in {@code year}; 29 February falls on the 28th outside leap years. */
    private LocalDate on(int year) {
        return date.withYear(year); // LocalDate.withYear already turns 29 February into the 28th
    }

    /** "Child's birthday", "Wedding anniversary", ... as a reason says it. */
    public String label() {
        return switch (type) {
            case BIRTHDAY -> "Birthday";
            case CHILD_BIRTHDAY -> "Child's birthday";
            case WEDDING -> recurring ? "Wedding anniversary" : "Wedding";
            case BIRTH -> "Birth";
            case BAPTISM -> "Baptism";
            case MOVING_HOUSE -> "Moving house";
            default -> type;
        };
    }

    /** "Child's birthday in 12 days", "... today", "... tomorrow", "... 2 days ago". */
    public String describe(long daysUntil) {
        String when;
        if (daysUntil == 0) {
            when = "today";
        } else if (daysUntil == 1) {
            when = "tomorrow";
        } else if (daysUntil == -1) {
            when = "yesterday";
        } else if (daysUntil > 0) {
            when = "in " + daysUntil + " days";
        } else {
            when = -daysUntil + " days ago";
        }
        return label() + " " + when;
    }
}
