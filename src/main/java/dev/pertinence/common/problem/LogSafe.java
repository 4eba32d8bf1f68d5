package dev.pertinence.common.problem;

/** Makes client-supplied text safe to echo in logs and problem details: no control characters, bounded length. */
public final class LogSafe {

    private static final int MAX = 120;

    private LogSafe() {
    }

    public static String value(String raw) {
        if (raw == null) {
            return "null";
        }
        String clean = raw.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX) + "…";
    }
}
