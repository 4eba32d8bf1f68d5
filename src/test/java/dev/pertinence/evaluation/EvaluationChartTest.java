package dev.pertinence.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvaluationChartTest {

    @Test
    void drawsEachStrategyWithItsIntervalsAndCoverage() {
        StrategyFigures strategy = new StrategyFigures("strategy", 100, 40, new Estimate(0.4, 0.31, 0.5),
                new Estimate(0.15, 0.12, 0.18), new Estimate(0.4, 0.31, 0.49), 0.6, 6);
        StrategyFigures plain = new StrategyFigures("no_copurchase", 100, 20, new Estimate(0.2, 0.13, 0.29),
                new Estimate(0.07, 0.05, 0.09), new Estimate(0.2, 0.12, 0.28), 0.1, 1);
        StrategyFigures popularity = new StrategyFigures("popularity", 100, 20, new Estimate(0.2, 0.13, 0.29),
                new Estimate(0.07, 0.05, 0.09), new Estimate(0.2, 0.12, 0.28), 0.3, 3);
        EvaluationSettings settings = new EvaluationSettings(EvaluationSettings.Mode.BASKET_COMPLETION, 3, "web", "home",
                EvaluationSettings.Candidates.PRODUCTS, null, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), null, 100, 1, 0.2, null);
        Evaluation evaluation = new Evaluation(UUID.randomUUID(), Evaluation.Status.DONE, settings, Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, 100, 100, new EvaluationResult(3, 120, 100, Map.of(), 900, 50, 10, 1234,
                        List.of(strategy, plain, popularity)), null);

        String svg = EvaluationChart.svg(evaluation);

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.endsWith("</svg>\n"));
        for (String label : List.of("Hit rate@3", "Precision@3", "Recall@3", "Catalogue coverage", "basket completion",
                "100 cases replayed (of 120 eligible)", "strategy: 40.0 % [31.0 %, 50.0 %] over 100 cases")) {
            assertTrue(svg.contains(label), label + " in " + svg);
        }
        assertEquals(9, svg.split("<circle").length - 1, "a dot per strategy and metric");
        assertEquals(3, svg.split("stroke-dasharray").length - 1, "the popularity baseline marked on each metric");
    }

    @Test
    void niceCeilingsKeepTheScaleReadable() {
        assertEquals(0.2, dev.pertinence.common.chart.Svg.niceCeiling(0.17), 1e-12);
        assertEquals(0.5, dev.pertinence.common.chart.Svg.niceCeiling(0.31), 1e-12);
        assertEquals(1.0, dev.pertinence.common.chart.Svg.niceCeiling(0), 1e-12);
    }
}
