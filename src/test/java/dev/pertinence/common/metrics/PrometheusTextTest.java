package dev.pertinence.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.metrics.PrometheusText.Format;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict reader refuses what Prometheus refuses: otherwise MetricsExpositionTest would prove nothing. */
class PrometheusTextTest {

    private static final String VALID = """
            # HELP decisions_total Decisions
            # TYPE decisions_total counter
            decisions_total{channel="web",placement="home \\"hero\\""} 3.0
            decisions_total{channel="app",placement="*"} 1
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.001"} 1
            latency_seconds_bucket{le="0.005"} 3
            latency_seconds_bucket{le="+Inf"} 4
            latency_seconds_count 4
            latency_seconds_sum 0.012
            # TYPE model_age_seconds gauge
            model_age_seconds NaN
            """;

    @Test
    void readsAValidExposition() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse(VALID, Format.TEXT);
        assertEquals(2, families.get("decisions_total").samples().size());
        assertEquals("home \\\"hero\\\"", families.get("decisions_total").samples().get(0).labels().get("placement"));
        assertEquals("histogram", families.get("latency_seconds").type());
        assertTrue(Double.isNaN(families.get("model_age_seconds").samples().get(0).value()));
    }

    @Test
    void helpMayEscapeABackslashAndANewlineOnly() {
        String help = VALID.replace("# HELP decisions_total Decisions", "# HELP decisions_total Per C:\\\\ and\\nline, \"quoted\"");
        assertEquals("Per C:\\\\ and\\nline, \"quoted\"", PrometheusText.parse(help, Format.TEXT).get("decisions_total").help());
        assertThrows(AssertionError.class, () -> PrometheusText.parse(VALID.replace("# HELP decisions_total Decisions",
                "# HELP decisions_total The \\\"cpu time\\\""), Format.TEXT), "promtool: invalid escape sequence '\\\"'");
        assertThrows(AssertionError.class, () -> PrometheusText.parse(VALID.replace("# HELP decisions_total Decisions",
                "# HELP decisions_total C:\\temp"), Format.TEXT), "a lone backslash");
        String open = "# TYPE decisions counter\n# HELP decisions The \\\"cpu time\\\"\ndecisions_total 1\n# EOF\n";
        assertThrows(AssertionError.class, () -> PrometheusText.parse(open, Format.OPEN_METRICS), "promtool reads curl's OpenMetrics too");
    }

    @Test
    void readsOpenMetricsWithItsCounterFamiliesAndEof() {
        String open = """
                # TYPE decisions counter
                # HELP decisions Decisions
                decisions_total{channel="web"} 3.0
                decisions_created{channel="web"} 1.7e9
                # EOF
                """;
        assertEquals(2, PrometheusText.parse(open, Format.OPEN_METRICS).get("decisions").samples().size());
        assertThrows(AssertionError.class, () -> PrometheusText.parse(open.replace("# EOF\n", ""), Format.OPEN_METRICS));
        assertThrows(AssertionError.class, () -> PrometheusText.parse(open.replace("decisions_total", "decisions_other"),
                Format.OPEN_METRICS), "a sample its family's type does not allow");
    }

    @Test
    void refusesWhatPrometheusRefuses() {
        Map<String, String> broken = Map.of(
                "a name starting with a digit", VALID.replace("model_age_seconds NaN", "9model 1"),
                "an unescaped quote in a label", VALID.replace("home \\\"hero\\\"", "home \"hero\""),
                "a value that is no number", VALID.replace("model_age_seconds NaN", "model_age_seconds fast"),
                "the same series twice", VALID + "decisions_total{channel=\"app\",placement=\"*\"} 2\n",
                "a family's samples apart", VALID + "decisions_total{channel=\"store\",placement=\"*\"} 2\n",
                "buckets not cumulative", VALID.replace("latency_seconds_bucket{le=\"0.005\"} 3", "latency_seconds_bucket{le=\"0.005\"} 0"),
                "no +Inf bucket", VALID.replace("latency_seconds_bucket{le=\"+Inf\"} 4\n", ""),
                "+Inf differing from the count", VALID.replace("latency_seconds_count 4", "latency_seconds_count 5"),
                "TYPE after the samples", VALID + "# TYPE model_age_seconds gauge\n",
                "a label twice", VALID.replace("{channel=\"web\",", "{channel=\"web\",channel=\"app\","));
        broken.forEach((what, text) -> assertThrows(AssertionError.class, () -> PrometheusText.parse(text, Format.TEXT), what));
    }
}
