package dev.pertinence.spark;

import dev.pertinence.decision.Popularity;
import org.apache.spark.sql.Dataset;
import scala.Tuple3;

/**
 * A model counted by Spark, before it is written: the neighbour lists stay distributed, one row per
 * item ({@code sku}, its neighbours in the service's text form (ModelCodec), how many), the
 * popularity is on the driver, with the figures the service records for a build.
 */
record SparkModel(Dataset<Tuple3<String, String, Integer>> neighbours, Popularity popularity,
                  long baskets, int items, long pairs, long neighbourCount) {
}
