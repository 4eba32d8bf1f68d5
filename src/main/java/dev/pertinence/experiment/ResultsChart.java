package dev.pertinence.experiment;

import static dev.pertinence.common.chart.Svg.escape;
import static dev.pertinence.common.chart.Svg.fmt;
import static dev.pertinence.common.chart.Svg.niceCeiling;
import static dev.pertinence.common.chart.Svg.percent;
import static dev.pertinence.common.chart.Svg.percentAxis;
import static dev.pertinence.common.chart.Svg.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as a picture a dashboard can embed: for the whole experiment, then each segment,
 * one line per arm from the low to the high end of the rate's 95 % interval, a dot at the rate,
 * and a dashed line at the baseline arm's rate; then each arm's uplift over the baseline with its
 * interval around a zero line, saying whether it is significant, or that there are not enough
 * people yet. Above them, in words: whether every arm has the people needed, and the sample-ratio
 * check. Plain SVG 1.1, no script, no external resource.
 */
public final class ResultsChart {

    public enum Metric {
        ACCEPTANCE("acceptance"), CONVERSION("conversion");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        Results.Rate of(Results.ArmFigures figures) {
            return this == ACCEPTANCE ? figures.acceptance() : figures.conversion();
        }

        Results.Uplift uplift(Results.ArmFigures figures) {
            return this == ACCEPTANCE ? figures.acceptanceUplift() : figures.conversionUplift();
        }
    }

    private static final String[] COLOURS = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"};
    private static final int LABELS = 200;
    private static final int PLOT = 440;
    private static final int MARGIN = 16;
    private static final int ROW = 20;
    private static final int HEADER = 26;
    private static final String WARNING = "#b03a2e";
    private static final String FINE = "#2e7d32";

    private ResultsChart() {
    }

    public static String svg(String title, Results results, Metric metric) {
        List<Results.SegmentFigures> groups = new ArrayList<>();
        groups.add(new Results.SegmentFigures("All people", results.overall()));
        groups.addAll(results.segments());
        double max = 0;
        for (Results.SegmentFigures group : groups) {
            for (Results.ArmFigures arm : group.arms()) {
                if (arm.people() > 0) {
                    max = Math.max(max, metric.of(arm).high());
                }
            }
        }
        double scale = niceCeiling(max);
        int arms = results.overall().size();
        int height = 3 * HEADER + groups.size() * (HEADER + arms * ROW) + 30 + 2 * HEADER + (arms - 1) * ROW + 30;
        int width = LABELS + PLOT + 2 * MARGIN + 70;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>").append(escape(title + ": " + metric.label + " rate per arm, 95 % intervals")).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, MARGIN, 20, "start", "bold", title + " — " + metric.label + " rate (share of people), 95 % Wilson intervals");
        coloured(svg, MARGIN, 40, results.enoughPeople() ? FINE : WARNING, results.verdict());
        Results.SampleRatio ratio = results.sampleRatio();
        coloured(svg, MARGIN, 58, ratio.mismatch() ? WARNING : FINE, ratio.mismatch()
                ? "Sample ratio mismatch (p = " + pValue(ratio.pValue()) + "): the split is broken, these results cannot be trusted"
                : "Sample ratio as planned (p = " + pValue(ratio.pValue()) + ")");
        int y = 3 * HEADER;
        for (Results.SegmentFigures group : groups) {
            text(svg, MARGIN, y + 16, "start", "bold", group.segment());
            int top = y + HEADER - 4;
            Results.ArmFigures baseline = group.arms().stream().filter(a -> a.arm().equals(results.baseline())).findFirst().orElse(null);
            if (baseline != null && baseline.people() > 0) {
                double bx = x(metric.of(baseline).rate(), scale);
                svg.append("<line x1=\"").append(fmt(bx)).append("\" y1=\"").append(top).append("\" x2=\"").append(fmt(bx))
                        .append("\" y2=\"").append(top + arms * ROW).append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
            }
            y += HEADER;
            for (int i = 0; i < group.arms().size(); i++) {
                Results.ArmFigures arm = group.arms().get(i);
                String colour = COLOURS[i % COLOURS.length];
                int cy = y + ROW / 2;
                text(svg, LABELS + MARGIN - 8, cy + 4, "end", null, arm.arm() + " (" + arm.people() + ")");
                if (arm.people() > 0) {
                    Results.Rate rate = metric.of(arm);
                    svg.append("<line x1=\"").append(fmt(x(rate.low(), scale))).append("\" y1=\"").append(cy)
                            .append("\" x2=\"").append(fmt(x(rate.high(), scale))).append("\" y2=\"").append(cy)
                            .append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\"/>\n");
                    svg.append("<circle cx=\"").append(fmt(x(rate.rate(), scale))).append("\" cy=\"").append(cy)
                            .append("\" r=\"4.5\" fill=\"").append(colour).append("\"><title>")
                            .append(escape(arm.arm() + ": " + percent(rate.rate()) + " [" + percent(rate.low()) + ", "
                                    + percent(rate.high()) + "], " + rate.people() + " of " + rate.of()))
                            .append("</title></circle>\n");
                    text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null, percent(rate.rate()));
                }
                y += ROW;
            }
        }
        axis(svg, y + 4, scale);
        uplifts(svg, y + 30, results, metric);
        return svg.append("</svg>\n").toString();
    }

    /** Each arm's uplift over the baseline, all people: its interval on an axis centred on zero, and what it means. */
    private static void uplifts(StringBuilder svg, int top, Results results, Metric metric) {
        text(svg, MARGIN, top + 16, "start", "bold", "Uplift over " + results.baseline() + " (" + metric.label
                + " rate, difference in points), 95 % Newcombe intervals");
        int y = top + HEADER;
        double reach = 0;
        for (Results.ArmFigures arm : results.overall()) {
            Results.Uplift uplift = metric.uplift(arm);
            if (uplift != null) {
                reach = Math.max(reach, Math.max(Math.abs(uplift.low()), Math.abs(uplift.high())));
            }
        }
        double scale = niceCeiling(reach);
        double zero = LABELS + MARGIN + PLOT / 2.0;
        int rows = results.overall().size() - 1;
        svg.append("<line x1=\"").append(fmt(zero)).append("\" y1=\"").append(y).append("\" x2=\"").append(fmt(zero))
                .append("\" y2=\"").append(y + rows * ROW).append("\" stroke=\"#333\"/>\n");
        int i = 0;
        for (Results.ArmFigures arm : results.overall()) {
            String colour = COLOURS[i++ % COLOURS.length];
            if (arm.arm().equals(results.baseline())) {
                continue;
            }
            int cy = y + ROW / 2;
            text(svg, LABELS + MARGIN - 8, cy + 4, "end", null, arm.arm() + " (" + arm.people() + ")");
            Results.Uplift uplift = metric.uplift(arm);
            if (uplift == null) {
                text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null, "nothing to compare yet");
            } else {
                double x0 = zero + PLOT / 2.0 * Math.max(-1, uplift.low() / scale);
                double x1 = zero + PLOT / 2.0 * Math.min(1, uplift.high() / scale);
                svg.append("<line x1=\"").append(fmt(x0)).append("\" y1=\"").append(cy).append("\" x2=\"").append(fmt(x1))
                        .append("\" y2=\"").append(cy).append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\"")
                        .append(uplift.enoughPeople() ? "" : " stroke-dasharray=\"2 3\"").append("/>\n");
                svg.append("<rect x=\"").append(fmt(zero + PLOT / 2.0 * Math.max(-1, Math.min(1, uplift.difference() / scale)) - 4))
                        .append("\" y=\"").append(cy - 4).append("\" width=\"8\" height=\"8\" fill=\"").append(colour)
                        .append("\"><title>").append(escape(arm.arm() + ": " + points(uplift.difference()) + " [" + points(uplift.low())
                                + ", " + points(uplift.high()) + "]")).append("</title></rect>\n");
                String meaning = !uplift.enoughPeople() ? "not enough people yet"
                        : uplift.significant() ? "significant" : "not significant";
                coloured(svg, LABELS + MARGIN + PLOT + 8, cy + 4, uplift.significant() ? FINE : uplift.enoughPeople() ? "#333" : WARNING,
                        points(uplift.difference()) + ", " + meaning);
            }
            y += ROW;
        }
        svg.append("<line x1=\"").append(LABELS + MARGIN).append("\" y1=\"").append(y + 4).append("\" x2=\"")
                .append(LABELS + MARGIN + PLOT).append("\" y2=\"").append(y + 4).append("\" stroke=\"#333\"/>\n");
        for (int tick = -2; tick <= 2; tick++) {
            double tx = zero + PLOT / 4.0 * tick;
            svg.append("<line x1=\"").append(fmt(tx)).append("\" y1=\"").append(y + 4).append("\" x2=\"").append(fmt(tx))
                    .append("\" y2=\"").append(y + 8).append("\" stroke=\"#333\"/>\n");
            text(svg, tx, y + 20, "middle", null, points(scale * tick / 2));
        }
    }

    private static void coloured(StringBuilder svg, double x, double y, String colour, String content) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" fill=\"").append(colour)
                .append("\">").append(escape(content)).append("</text>\n");
    }

    /** A difference of rates in percentage points, signed: +8.8 pts. */
    private static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f pts", difference * 100);
    }

    private static String pValue(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static double x(double rate, double scale) {
        return LABELS + MARGIN + PLOT * Math.min(1, rate / scale);
    }

    private static void axis(StringBuilder svg, int y, double scale) {
        percentAxis(svg, LABELS + MARGIN, PLOT, y, scale);
    }
}
