package dev.pertinence.common.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/) and of OpenMetrics 1.0 (what
 * Prometheus asks for first; its counters' families drop the _total of their samples, it ends with
 * "# EOF"): what the Prometheus server refuses, it refuses, with the line. Checks the grammar (names, labels and their escapes,
 * values), that a family's HELP and TYPE come once and before its samples, that a family's samples
 * are contiguous, that no series appears twice, and that histograms are whole (cumulative
 * buckets ending at +Inf equal to _count, a _sum).
 */
final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE|UNIT) (" + NAME.pattern() + ") ?(.*)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME.pattern() + ")(\\{(.*?)})? (\\S+)( -?[0-9.]+)?( # \\{.*)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");
    /**
     * HELP text: a backslash may only escape a backslash or a newline. OpenMetrics also allows {@code \"},
     * but {@code curl /q/metrics | promtool check metrics} reads OpenMetrics (what Quarkus answers to
     * curl) with the Prometheus text parser, which stops the whole page at {@code \"}: refused in both.
     */
    private static final Pattern HELP = Pattern.compile("(?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OPEN_METRICS_TYPES = Set.of("counter", "gauge", "histogram", "summary", "unknown",
            "info", "stateset", "gaugehistogram");

    enum Format {
        TEXT, OPEN_METRICS
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private PrometheusText() {
    }

    static Map<String, Family> parse(String text, Format format) {
        boolean open = format == Format.OPEN_METRICS;
        if (open) {
            check(text.endsWith("# EOF\n") || text.endsWith("# EOF"), "OpenMetrics without its final # EOF");
            text = text.substring(0, text.lastIndexOf("# EOF"));
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        Set<String> closed = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            if (line.isEmpty()) {
                check(!open, "an empty line in OpenMetrics: line " + number);
                continue;
            }
            String where = "line " + number + ": " + line;
            if (line.startsWith("#")) {
                Matcher comment = COMMENT.matcher(line);
                if (!comment.matches()) {
                    continue; // other comments are allowed and ignored
                }
                String family = comment.group(2);
                check(!closed.contains(family) || family.equals(current), "family appears again after others: " + where);
                Family known = families.get(family);
                if (comment.group(1).equals("UNIT")) {
                    check(open, "UNIT outside OpenMetrics: " + where);
                } else if (comment.group(1).equals("TYPE")) {
                    check((open ? OPEN_METRICS_TYPES : TYPES).contains(comment.group(3)), "unknown type: " + where);
                    check(known == null || known.type() == null, "second TYPE: " + where);
                    check(known == null || known.samples().isEmpty(), "TYPE after samples: " + where);
                    families.put(family, new Family(family, comment.group(3), known == null ? null : known.help(),
                            known == null ? new ArrayList<>() : known.samples()));
                } else {
                    check(known == null || known.help() == null, "second HELP: " + where);
                    check(HELP.matcher(comment.group(3)).matches(), "an escape other than \\\\ or \\n in HELP: " + where);
                    families.put(family, new Family(family, known == null ? null : known.type(), comment.group(3),
                            known == null ? new ArrayList<>() : known.samples()));
                }
                current = switchTo(current, family, closed);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            check(sample.matches(), "not a sample: " + where);
            check(VALUE.matcher(sample.group(4)).matches(), "not a value: " + where);
            Map<String, String> labels = labels(sample.group(3) == null ? "" : sample.group(3), where);
            String family = familyOf(sample.group(1), families, open);
            check(!closed.contains(family) || family.equals(current), "samples of a family not together: " + where);
            current = switchTo(current, family, closed);
            check(series.add(sample.group(1) + labels), "series twice: " + where);
            families.computeIfAbsent(family, f -> new Family(f, null, null, new ArrayList<>())).samples()
                    .add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4).replace("Inf", "Infinity"))));
        }
        families.values().stream().filter(f -> "histogram".equals(f.type())).forEach(PrometheusText::checkHistogram);
        return families;
    }

    private static String switchTo(String current, String family, Set<String> closed) {
        if (current != null && !current.equals(family)) {
            closed.add(current);
        }
        return family;
    }

    /**
     * The family a sample belongs to: its own name, or, for a suffixed series, the histogram's or
     * summary's (_bucket, _count, _sum) and in OpenMetrics also the counter's (_total, _created)
     * or the info's (_info).
     */
    private static String familyOf(String name, Map<String, Family> families, boolean open) {
        Map<String, Set<String>> suffixes = open
                ? Map.of("_bucket", Set.of("histogram"), "_count", Set.of("histogram", "summary"), "_sum", Set.of("histogram", "summary"),
                        "_created", Set.of("histogram", "summary", "counter"), "_total", Set.of("counter"), "_info", Set.of("info"))
                : Map.of("_bucket", Set.of("histogram"), "_count", Set.of("histogram", "summary"), "_sum", Set.of("histogram", "summary"));
        for (Map.Entry<String, Set<String>> suffix : suffixes.entrySet()) {
            if (name.endsWith(suffix.getKey())) {
                Family family = families.get(name.substring(0, name.length() - suffix.getKey().length()));
                if (family != null && suffix.getValue().contains(family.type())) {
                    return family.name();
                }
            }
        }
        if (open) {
            // Micrometer writes a long-task timer (Quarkus' http_server_connections_seconds) as a summary whose
            // samples are <family>_active_count and <family>_duration_sum: not the suffixes OpenMetrics gives a
            // summary. Accepted here as a known deviation, for Quarkus' meter, not ours; the text format has none.
            for (Family family : families.values()) {
                if ("summary".equals(family.type()) && (name.equals(family.name() + "_active_count")
                        || name.equals(family.name() + "_duration_sum"))) {
                    return family.name();
                }
            }
        }
        check(!open || families.containsKey(name) && families.get(name).type() != null
                && Set.of("gauge", "unknown", "stateset").contains(families.get(name).type()), "a sample without its family's TYPE, or with a name its type does not allow: " + name);
        return name;
    }

    private static Map<String, String> labels(String text, String where) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            check(label.find(at) && label.start() == at, "malformed labels: " + where);
            check(labels.put(label.group(1), label.group(2)) == null, "label twice: " + where);
            at = label.end();
        }
        return labels;
    }

    private static void checkHistogram(Family histogram) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample sample : histogram.samples()) {
            Map<String, String> others = new LinkedHashMap<>(sample.labels());
            others.remove("le");
            if (sample.name().endsWith("_bucket")) {
                check(sample.labels().containsKey("le"), "bucket without le: " + sample);
                buckets.computeIfAbsent(others, k -> new ArrayList<>()).add(sample);
            } else if (sample.name().endsWith("_created")) {
                continue;
            } else if (sample.name().endsWith("_count")) {
                counts.put(others, sample.value());
            } else if (sample.name().endsWith("_sum")) {
                sums.add(others);
            }
        }
        check(!buckets.isEmpty(), "histogram without buckets: " + histogram.name());
        buckets.forEach((labels, series) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : series) {
                double bound = Double.parseDouble(bucket.labels().get("le").replace("Inf", "Infinity"));
                check(bound > previousBound, "buckets not in increasing le: " + bucket);
                check(bucket.value() >= previousCount, "buckets not cumulative: " + bucket);
                previousBound = bound;
                previousCount = bucket.value();
            }
            check(previousBound == Double.POSITIVE_INFINITY, "no +Inf bucket: " + histogram.name() + labels);
            check(counts.containsKey(labels) && counts.get(labels) == previousCount, "+Inf bucket differs from _count: " + histogram.name() + labels);
            check(sums.contains(labels), "no _sum: " + histogram.name() + labels);
        });
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("Invalid Prometheus exposition, " + problem);
        }
    }
}
