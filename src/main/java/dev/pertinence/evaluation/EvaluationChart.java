package dev.pertinence.evaluation;

import static dev.pertinence.common.chart.Svg.escape;
import static dev.pertinence.common.chart.Svg.fmt;
import static dev.pertinence.common.chart.Svg.niceCeiling;
import static dev.pertinence.common.chart.Svg.percent;
import static dev.pertinence.common.chart.Svg.percentAxis;
import static dev.pertinence.common.chart.Svg.text;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An evaluation's result as a picture a dashboard can embed, in the style of the experiments'
 * results chart: for hit rate@k, precision@k and recall@k, one line per strategy from the low to
 * the high end of its 95 % interval, a dot at the figure, and a dashed line at the popularity
 * baseline; then each strategy's catalogue coverage as a bar. Plain SVG 1.1, no script, no external
 * resource.
 */
public final class EvaluationChart {

    private static final String[] COLOURS = {"#4c72b0", "#dd8452", "#55a868", "#c44e52"};
    private static final int LABELS = 200;
    private static final int PLOT = 440;
    private static final int MARGIN = 16;
    private static final int ROW = 20;
    private static final int HEADER = 26;

    private EvaluationChart() {
    }

    private record Metric(String label, Function<StrategyFigures, Estimate> of) {
    }

    public static String svg(Evaluation evaluation) {
        EvaluationResult result = evaluation.result();
        int k = result.k();
        List<Metric> metrics = List.of(new Metric("Hit rate@" + k + " (95 % Wilson intervals)", StrategyFigures::hitRate),
                new Metric("Precision@" + k + " (95 % normal intervals)", StrategyFigures::precision),
                new Metric("Recall@" + k + " (95 % normal intervals)", StrategyFigures::recall));
        List<StrategyFigures> strategies = result.strategies();
        int rows = strategies.size();
        int height = 3 * HEADER + (metrics.size() + 1) * (HEADER + rows * ROW + 30) + MARGIN;
        int width = LABELS + PLOT + 2 * MARGIN + 70;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        String mode = evaluation.settings().mode() == EvaluationSettings.Mode.TIME_SPLIT ? "time split at " + evaluation.settings().cutAt()
                : "basket completion";
        svg.append("<title>").append(escape("Evaluation " + evaluation.id() + ": hit rate, precision and recall at " + k
                + " per strategy, 95 % intervals")).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, MARGIN, 20, "start", "bold", "Offline evaluation — " + mode + ", top " + k + " on "
                + evaluation.settings().channel() + "/" + evaluation.settings().placement());
        text(svg, MARGIN, 40, "start", null, String.format(Locale.ROOT, "%,d cases replayed (of %,d eligible); model from %,d baskets; "
                + "%,d candidate offers; %.1f s", result.cases(), result.eligible(), result.trainingBaskets(), result.candidates(),
                result.durationMs() / 1000.0));
        int y = 3 * HEADER;
        StrategyFigures baseline = strategies.stream().filter(s -> s.strategy().equals("popularity")).findFirst().orElse(null);
        for (Metric metric : metrics) {
            double max = 0;
            for (StrategyFigures figures : strategies) {
                Estimate estimate = metric.of().apply(figures);
                max = Math.max(max, estimate.high() == null ? estimate.value() : estimate.high());
            }
            double scale = niceCeiling(max);
            text(svg, MARGIN, y + 16, "start", "bold", metric.label());
            int top = y + HEADER - 4;
            if (baseline != null && baseline.cases() > 0) {
                double bx = x(metric.of().apply(baseline).value(), scale);
                svg.append("<line x1=\"").append(fmt(bx)).append("\" y1=\"").append(top).append("\" x2=\"").append(fmt(bx))
                        .append("\" y2=\"").append(top + rows * ROW).append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
            }
            y += HEADER;
            for (int i = 0; i < rows; i++) {
                StrategyFigures figures = strategies.get(i);
                Estimate estimate = metric.of().apply(figures);
                String colour = COLOURS[i % COLOURS.length];
                int cy = y + ROW / 2;
                text(svg, LABELS + MARGIN - 8, cy + 4, "end", null, figures.strategy());
                if (estimate.low() != null) {
                    svg.append("<line x1=\"").append(fmt(x(estimate.low(), scale))).append("\" y1=\"").append(cy)
                            .append("\" x2=\"").append(fmt(x(estimate.high(), scale))).append("\" y2=\"").append(cy)
                            .append("\" stroke=\"").append(colour).append("\" stroke-width=\"3\"/>\n");
                }
                svg.append("<circle cx=\"").append(fmt(x(estimate.value(), scale))).append("\" cy=\"").append(cy)
                        .append("\" r=\"4.5\" fill=\"").append(colour).append("\"><title>")
                        .append(escape(figures.strategy() + ": " + percent(estimate.value()) + (estimate.low() == null ? ""
                                : " [" + percent(estimate.low()) + ", " + percent(estimate.high()) + "]") + " over "
                                + figures.cases() + " cases"))
                        .append("</title></circle>\n");
                text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null, percent(estimate.value()));
                y += ROW;
            }
            axis(svg, y + 4, scale);
            y += 30;
        }
        text(svg, MARGIN, y + 16, "start", "bold", "Catalogue coverage: share of the candidate offers that reached some top " + k);
        y += HEADER;
        for (int i = 0; i < rows; i++) {
            StrategyFigures figures = strategies.get(i);
            int cy = y + ROW / 2;
            text(svg, LABELS + MARGIN - 8, cy + 4, "end", null, figures.strategy());
            svg.append("<rect x=\"").append(LABELS + MARGIN).append("\" y=\"").append(cy - 6).append("\" width=\"")
                    .append(fmt(PLOT * Math.min(1, figures.coverage()))).append("\" height=\"12\" fill=\"")
                    .append(COLOURS[i % COLOURS.length]).append("\"/>\n");
            text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null, percent(figures.coverage()));
            y += ROW;
        }
        axis(svg, y + 4, 1);
        return svg.append("</svg>\n").toString();
    }

    private static double x(double share, double scale) {
        return LABELS + MARGIN + PLOT * Math.min(1, share / scale);
    }

    private static void axis(StringBuilder svg, int y, double scale) {
        percentAxis(svg, LABELS + MARGIN, PLOT, y, scale);
    }
}
