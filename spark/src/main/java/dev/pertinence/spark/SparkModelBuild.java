package dev.pertinence.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelMeasures;
import dev.pertinence.copurchase.TopNeighbours;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.Tuple3;

/**
 * The co-purchase model counted with Spark aggregations: item, category and pair counts are
 * shuffled and summed across executors, the minimum support is applied before anything leaves
 * them, and each item's neighbours are selected where its pairs land (group by item), by the
 * service's own {@link TopNeighbours} and {@link ModelMeasures}. Only item and category counts
 * (one figure each, the popularity) reach the driver; pairs never do.
 */
final class SparkModelBuild {

    private SparkModelBuild() {
    }

    /**
     * @param lines      {@code (basket, sku)}, one row per purchase line
     * @param categories {@code (sku, category)}
     */
    static SparkModel build(Dataset<Row> lines, Dataset<Row> categories, int minSupport, int topK, int maxBasketSize) {
        Dataset<Row> held = lines.distinct().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> baskets = held.groupBy("basket").agg(collect_list("sku").as("skus")).persist(StorageLevel.MEMORY_AND_DISK());
        long basketTotal = baskets.count();

        Dataset<Row> itemCounts = held.groupBy("sku").agg(count("*").as("n")).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Double> bySku = shares(itemCounts.collectAsList(), basketTotal);
        Dataset<Row> categoryCounts = held.join(categories, "sku").select("basket", "category").distinct()
                .groupBy("category").agg(count("*").as("n"));
        Map<String, Double> byCategory = shares(categoryCounts.collectAsList(), basketTotal);

        // pairs inside each basket, i < j; baskets larger than the limit count for popularity only
        Dataset<Row> pairCounts = baskets.filter(size(col("skus")).leq(maxBasketSize))
                .flatMap((FlatMapFunction<Row, Tuple2<String, String>>) SparkModelBuild::pairsOf,
                        Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
                .toDF("a", "b")
                .groupBy("a", "b").agg(count("*").as("both"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long pairTotal = pairCounts.count();

        Dataset<Row> supported = pairCounts.filter(col("both").geq(minSupport));
        Dataset<Row> directed = supported.select(col("a").as("from"), col("b").as("to"), col("both"))
                .union(supported.select(col("b").as("from"), col("a").as("to"), col("both")));
        Dataset<Row> from = itemCounts.select(col("sku").as("from"), col("n").as("from_count"));
        Dataset<Row> to = itemCounts.select(col("sku").as("to"), col("n").as("to_count"));
        Dataset<Row> toCategory = categories.select(col("sku").as("category_sku"), col("category").as("to_category"));
        Dataset<Row> counted = directed.join(from, "from").join(to, "to");
        Dataset<Row> candidates = counted.join(toCategory, counted.col("to").equalTo(toCategory.col("category_sku")), "left");

        Dataset<Tuple3<String, String, Integer>> neighbours = candidates
                .groupByKey((MapFunction<Row, String>) row -> row.getString(row.fieldIndex("from")), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Tuple3<String, String, Integer>>) (item, rows) ->
                                select(item, rows, basketTotal, topK),
                        Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.INT()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row kept = neighbours.toDF("sku", "text", "n").agg(sum("n"), count("*")).first();
        long neighbourTotal = kept.isNullAt(0) ? 0 : kept.getLong(0);

        held.unpersist();
        baskets.unpersist();
        itemCounts.unpersist();
        pairCounts.unpersist();
        return new SparkModel(neighbours, new Popularity(bySku, byCategory), basketTotal, bySku.size(), pairTotal, neighbourTotal);
    }

    /** The distinct pairs of one basket, each once, smaller SKU first. */
    private static Iterator<Tuple2<String, String>> pairsOf(Row basket) {
        List<String> skus = new ArrayList<>(basket.getList(basket.fieldIndex("skus")));
        Collections.sort(skus);
        List<Tuple2<String, String>> pairs = new ArrayList<>(skus.size() * (skus.size() - 1) / 2);
        for (int i = 0; i < skus.size(); i++) {
            for (int j = i + 1; j < skus.size(); j++) {
                pairs.add(new Tuple2<>(skus.get(i), skus.get(j)));
            }
        }
        return pairs.iterator();
    }

    /** One item's neighbours, by the service's selection; nothing for an item none of whose pairs is kept. */
    private static Iterator<Tuple3<String, String, Integer>> select(String item, Iterator<Row> candidates, long baskets, int topK) {
        TopNeighbours top = new TopNeighbours(topK);
        while (candidates.hasNext()) {
            Row row = candidates.next();
            top.offer(ModelMeasures.neighbour(row.getString(row.fieldIndex("to")), row.getString(row.fieldIndex("to_category")),
                    row.getLong(row.fieldIndex("from_count")), row.getLong(row.fieldIndex("to_count")),
                    row.getLong(row.fieldIndex("both")), baskets));
        }
        if (top.isEmpty()) {
            return Collections.emptyIterator();
        }
        List<Neighbour> ranked = top.ranked();
        return List.of(new Tuple3<>(item, ModelCodec.encodeNeighbours(ranked), ranked.size())).iterator();
    }

    private static Map<String, Double> shares(List<Row> counts, long baskets) {
        Map<String, Double> shares = new HashMap<>(counts.size() * 2);
        for (Row row : counts) {
            shares.put(row.getString(0), ModelMeasures.share(row.getLong(1), baskets));
        }
        return shares;
    }
}
