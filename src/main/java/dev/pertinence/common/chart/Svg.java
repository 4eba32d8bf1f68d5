package dev.pertinence.common.chart;

import java.util.Locale;

/**
 * What the server-drawn SVG charts share (experiments' results, offline evaluations): text escaped
 * for XML, numbers in a fixed locale, a percentage axis with a readable scale.
 */
public final class Svg {

    private Svg() {
    }

    /** A text element; {@code weight} null for the default. */
    public static void text(StringBuilder svg, double x, double y, String anchor, String weight, String content) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor).append('"');
        if (weight != null) {
            svg.append(" font-weight=\"").append(weight).append('"');
        }
        svg.append('>').append(escape(content)).append("</text>\n");
    }

    /**
     * A horizontal axis at {@code y} from {@code left} over {@code width} pixels, from 0 to {@code scale}
     * (a share), with five ticks labelled in percent.
     */
    public static void percentAxis(StringBuilder svg, int left, int width, int y, double scale) {
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"")
                .append(left + width).append("\" y2=\"").append(y).append("\" stroke=\"#333\"/>\n");
        for (int tick = 0; tick <= 4; tick++) {
            double value = scale * tick / 4;
            double tx = left + width * Math.min(1, value / scale);
            svg.append("<line x1=\"").append(fmt(tx)).append("\" y1=\"").append(y).append("\" x2=\"").append(fmt(tx))
                    .append("\" y2=\"").append(y + 4).append("\" stroke=\"#333\"/>\n");
            text(svg, tx, y + 16, "middle", null, percent(value));
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max} and at most 1; 1 when {@code max} is 0 or less. */
    public static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return Math.min(1, step * power);
            }
        }
        return 1;
    }

    /** 0.123 → "12.3 %". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** One decimal, whatever the locale. */
    public static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Safe as XML text or attribute value; control characters become spaces. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
