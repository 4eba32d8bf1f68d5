package dev.pertinence.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ResultsChartTest {

    @Test
    void oneIntervalAndOneDotPerArmPerGroupInWellFormedSvg() throws Exception {
        Experiment experiment = AssignmentTest.experiment("exp-chart", 5000, 5000);
        Results results = Results.of(experiment, List.of(
                new Tally("control", "gold <&> \"vip\"", 100, 100, 100, 10, 10, 5, 5, 50, 500),
                new Tally("arm-1", "gold <&> \"vip\"", 100, 100, 100, 20, 20, 15, 15, 150, 1500),
                new Tally("control", "silver", 50, 50, 50, 5, 5, 2, 2, 20, 200)), Instant.EPOCH);
        String svg = ResultsChart.svg("Autumn test", results, ResultsChart.Metric.CONVERSION);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI());
        // overall and gold: two arms with people each; silver: the control only (arm-1 has none there)
        assertEquals(5, document.getElementsByTagName("circle").getLength());
        assertTrue(svg.contains("gold &lt;&amp;&gt; &quot;vip&quot;"), "segment names are escaped");
        assertTrue(svg.contains("15.0 %"), "arm-1's gold conversion rate is written");
        assertTrue(!svg.contains("<script"));
    }

    @Test
    void theUpliftTheSampleRatioAndNotEnoughPeopleAreSaidPlainly() throws Exception {
        Experiment experiment = AssignmentTest.experiment("exp-chart-few", 5000, 5000);
        Results few = Results.of(experiment, List.of(new Tally("control", "none", 18, 18, 18, 1, 1, 1, 1, 20, 400),
                new Tally("arm-1", "none", 19, 19, 19, 15, 15, 15, 15, 300, 6000)), Instant.EPOCH, 100);
        String svg = ResultsChart.svg("Small test", few, ResultsChart.Metric.ACCEPTANCE);
        parse(svg);
        assertTrue(svg.contains("Not enough people yet: the smallest arm has 18 of the 100 people needed per arm"), svg);
        assertTrue(svg.contains("Uplift over control (acceptance rate"), svg);
        assertTrue(svg.contains("+73.4 pts, not enough people yet"), svg);
        assertTrue(svg.contains("Sample ratio as planned (p = 0.8694)"), svg);
        assertTrue(!svg.contains(", significant"), svg);
        assertEquals(1, parse(svg).getElementsByTagName("rect").getLength() - 1, "one uplift marker beside the background");

        Results many = Results.of(experiment, List.of(new Tally("control", "none", 1000, 1000, 1000, 100, 100, 50, 50, 0, 0),
                new Tally("arm-1", "none", 800, 800, 800, 160, 160, 40, 40, 0, 0)), Instant.EPOCH, 100);
        String enough = ResultsChart.svg("Big test", many, ResultsChart.Metric.ACCEPTANCE);
        parse(enough);
        assertTrue(enough.contains("Enough people: every arm has at least the 100 needed"), enough);
        assertTrue(enough.contains("+10.0 pts, significant"), enough);
        assertTrue(enough.contains("Sample ratio mismatch (p = &lt; 0.0001): the split is broken"), enough);
        assertTrue(ResultsChart.svg("Big test", many, ResultsChart.Metric.CONVERSION).contains("+0.0 pts, not significant"));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theScaleIsOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, dev.pertinence.common.chart.Svg.niceCeiling(0.17), 1e-12);
        assertEquals(0.05, dev.pertinence.common.chart.Svg.niceCeiling(0.041), 1e-12);
        assertEquals(1.0, dev.pertinence.common.chart.Svg.niceCeiling(0.0), 1e-12);
        assertEquals(1.0, dev.pertinence.common.chart.Svg.niceCeiling(0.73), 1e-12);
    }
}
