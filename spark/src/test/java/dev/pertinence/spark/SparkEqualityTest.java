package dev.pertinence.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.decision.Neighbour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Tuple3;

/**
 * The job in local[2] on the real grocery baskets against the service's in-process builder
 * (CoPurchaseCounter) on the same baskets: every neighbour of every item, same order, every value
 * within 1e-9, the same popularity (item and category counts) and build figures.
 */
class SparkEqualityTest {

    @TempDir
    static Path directory;
    static Groceries groceries;

    @BeforeAll
    static void files() throws IOException {
        groceries = Groceries.writtenTo(directory);
    }

    static JobOptions options(String purchasesSource, String productsSource, int minSupport, int topK, int maxBasketSize) {
        return JobOptions.parse(new String[] {"--purchases", purchasesSource, "--products", productsSource, "--redis", "none",
                "--min-support", String.valueOf(minSupport), "--top-k", String.valueOf(topK),
                "--max-basket-size", String.valueOf(maxBasketSize)}, Map.of());
    }

    static Map<String, List<Neighbour>> collect(SparkModel model) {
        Map<String, List<Neighbour>> neighbours = new HashMap<>();
        for (Tuple3<String, String, Integer> row : model.neighbours().collectAsList()) {
            List<Neighbour> decoded = ModelCodec.decodeNeighbours(row._2());
            assertEquals(row._3(), decoded.size());
            neighbours.put(row._1(), decoded);
        }
        return neighbours;
    }

    @ParameterizedTest(name = "min support {0}, top {1}, baskets of at most {2} items make pairs")
    @CsvSource({"3, 20, 100", "60, 5, 10", "1, 3, 2"})
    void everyNeighbourOfEveryItemIsTheServicesOwn(int minSupport, int topK, int maxBasketSize) {
        CoPurchaseModel expected = groceries.counted(minSupport, topK, maxBasketSize);
        SparkModel actual = new CoPurchaseJob(TestServers.spark(),
                options("csv:" + groceries.purchases, "csv:" + groceries.products, minSupport, topK, maxBasketSize),
                java.time.Clock.systemUTC()).count(groceries.now);

        assertEquals(expected.baskets(), actual.baskets(), "baskets");
        assertEquals(expected.items(), actual.items(), "items");
        assertEquals(expected.pairs(), actual.pairs(), "distinct pairs counted");
        assertEquals(expected.neighbourCount(), actual.neighbourCount(), "neighbours kept");
        assertFalse(expected.neighbours().isEmpty());
        Models.assertSameNeighbours(expected.neighbours(), collect(actual));
        Models.assertSameShares(expected.popularity().bySku(), actual.popularity().bySku(), "popularity");
        Models.assertSameShares(expected.popularity().byCategory(), actual.popularity().byCategory(), "category popularity");
        actual.neighbours().unpersist();
    }

    @Test
    void theBasketDefinitionAndTheWindowAreTheServices() {
        SparkModel model = new CoPurchaseJob(TestServers.spark(), options("csv:" + groceries.purchases, "none", 1, 50, 100),
                java.time.Clock.systemUTC()).count(groceries.now);
        // 9,835 orders + alice's two UTC days + two lines alone; the old order is outside the window
        assertEquals(9_835 + 2 + 2, model.baskets());
        assertEquals(2_513 + 1, Math.round(model.popularity().ofSku("whole milk") * model.baskets()), "whole milk: 2,513 orders + alice");
        assertEquals(1_715 + 2, Math.round(model.popularity().ofSku("soda") * model.baskets()), "soda: the old order not counted");
        assertTrue(model.popularity().byCategory().isEmpty(), "no products source: no categories");
        model.neighbours().unpersist();
    }

    @Test
    void parquetExportsReadAsTheCsvDoes() {
        Path parquet = directory.resolve("purchases.parquet");
        TestServers.spark().read().option("header", "true").csv(groceries.purchases.toString())
                .write().mode("overwrite").parquet(parquet.toString());
        CoPurchaseModel expected = groceries.counted(3, 20, 100);
        SparkModel actual = new CoPurchaseJob(TestServers.spark(), options("parquet:" + parquet, "csv:" + groceries.products, 3, 20, 100),
                java.time.Clock.systemUTC()).count(groceries.now);
        assertEquals(expected.baskets(), actual.baskets());
        Models.assertSameNeighbours(expected.neighbours(), collect(actual));
        actual.neighbours().unpersist();
    }

    /** The job must count on its own: an equality with a call to the counter would prove nothing. */
    @Test
    void theJobCountsWithSparkNotWithTheServicesCounter() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/pertinence/spark"))) {
            sources.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/bench/")).forEach(source -> {
                try {
                    assertFalse(Files.readString(source).contains("CoPurchaseCounter"), source + " uses the service's counter");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
