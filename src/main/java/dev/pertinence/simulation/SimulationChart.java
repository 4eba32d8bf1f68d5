package dev.pertinence.simulation;

import static dev.pertinence.common.chart.Svg.escape;
import static dev.pertinence.common.chart.Svg.fmt;
import static dev.pertinence.common.chart.Svg.niceCeiling;
import static dev.pertinence.common.chart.Svg.percent;
import static dev.pertinence.common.chart.Svg.percentAxis;
import static dev.pertinence.common.chart.Svg.text;

import java.util.List;
import java.util.Locale;

/**
 * A simulation's result as a picture a dashboard (the console's offer and experiment pages) can
 * embed: per channel and placement, one row per offer (the most proposed first, at most
 * {@value #OFFERS}) with a pale bar for its eligible audience and a solid one for the people who would
 * get it, as shares of the people decided there, labelled with both counts; then the people who get
 * nothing. Plain SVG 1.1, no script, no external resource; the evaluations' chart style.
 */
public final class SimulationChart {

    static final int OFFERS = 15;
    private static final String GETS = "#4c72b0";
    private static final String ELIGIBLE = "#c6d4ea";
    private static final String NOTHING = "#c44e52";
    private static final int LABELS = 200;
    private static final int PLOT = 440;
    private static final int MARGIN = 16;
    private static final int ROW = 22;
    private static final int HEADER = 26;

    private SimulationChart() {
    }

    public static String svg(Simulation simulation) {
        SimulationResult result = simulation.result();
        int rows = 0;
        for (SimulationResult.PlacementFigures placement : result.placements()) {
            rows += Math.min(OFFERS, placement.offers().size()) + 1;
        }
        int height = 3 * HEADER + result.placements().size() * (HEADER + 34) + rows * ROW + MARGIN + 20;
        int width = LABELS + PLOT + 2 * MARGIN + 170;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>").append(escape("Simulation " + simulation.id() + ": people who would get each offer, and its "
                + "eligible audience, per channel and placement")).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        SimulationSettings settings = simulation.settings();
        text(svg, MARGIN, 20, "start", "bold", "Simulation — " + (settings.draft() == null ? "current strategy" : "draft strategy")
                + ", top " + result.limit() + (settings.segment() == null ? ", every customer" : ", segment " + settings.segment()));
        text(svg, MARGIN, 40, "start", null, String.format(Locale.ROOT, "%,d people decided (of %,d); %,d get nothing (%s); "
                        + "%.1f s", result.people(), result.population(), result.nothing().people(),
                percent(result.nothing().share()), result.durationMs() / 1000.0));
        legend(svg, 58);
        int y = 3 * HEADER;
        for (SimulationResult.PlacementFigures placement : result.placements()) {
            int shown = Math.min(OFFERS, placement.offers().size());
            text(svg, MARGIN, y + 16, "start", "bold", placement.channel() + " / " + placement.placement() + ": "
                    + String.format(Locale.ROOT, "%,d people, %,d candidate offers", placement.people(), placement.offers().size())
                    + (shown < placement.offers().size() ? " (the " + shown + " most proposed shown)" : ""));
            y += HEADER;
            List<SimulationResult.OfferFigures> offers = placement.offers().subList(0, shown);
            double people = Math.max(1, placement.people());
            double max = placement.nothing().people() / people;
            for (SimulationResult.OfferFigures offer : offers) {
                max = Math.max(max, Math.max(offer.eligible(), offer.people()) / people);
            }
            double scale = niceCeiling(max);
            for (SimulationResult.OfferFigures offer : offers) {
                int cy = y + ROW / 2;
                text(svg, LABELS + MARGIN - 8, cy + 4, "end", null, label(offer.offerId()));
                bar(svg, cy - 8, offer.eligible() / people, scale, ELIGIBLE, 16, offer.offerId() + ": eligible "
                        + offer.eligible());
                bar(svg, cy - 5, offer.people() / people, scale, GETS, 10, offer.offerId() + ": gets it " + offer.people()
                        + " (by rank " + offer.byRank() + ")");
                text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null,
                        String.format(Locale.ROOT, "%,d of %,d eligible", offer.people(), offer.eligible()));
                y += ROW;
            }
            int cy = y + ROW / 2;
            text(svg, LABELS + MARGIN - 8, cy + 4, "end", "bold", "nothing");
            bar(svg, cy - 5, placement.nothing().people() / people, scale, NOTHING, 10, "nothing: "
                    + placement.nothing().people() + " " + placement.nothing().reasons());
            text(svg, LABELS + MARGIN + PLOT + 8, cy + 4, "start", null,
                    String.format(Locale.ROOT, "%,d (%s)", placement.nothing().people(), percent(placement.nothing().share())));
            y += ROW;
            percentAxis(svg, LABELS + MARGIN, PLOT, y + 4, scale);
            y += 34;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, int top, double share, double scale, String colour, int height, String title) {
        svg.append("<rect x=\"").append(LABELS + MARGIN).append("\" y=\"").append(top).append("\" width=\"")
                .append(fmt(PLOT * Math.min(1, share / scale))).append("\" height=\"").append(height).append("\" fill=\"")
                .append(colour).append("\"><title>").append(escape(title)).append("</title></rect>\n");
    }

    private static void legend(StringBuilder svg, int y) {
        svg.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                .append(GETS).append("\"/>\n");
        text(svg, MARGIN + 18, y, "start", null, "would get it");
        svg.append("<rect x=\"").append(MARGIN + 120).append("\" y=\"").append(y - 10)
                .append("\" width=\"12\" height=\"12\" fill=\"").append(ELIGIBLE).append("\"/>\n");
        text(svg, MARGIN + 138, y, "start", null, "eligible audience (rule, validity, consent)");
        text(svg, MARGIN + 420, y, "start", null, "share of the people decided on the placement");
    }

    /** Long ids are cut so the labels stay in their column. */
    private static String label(String id) {
        return id.length() <= 30 ? id : id.substring(0, 29) + "…";
    }
}
