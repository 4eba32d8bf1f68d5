#!/usr/bin/env bash
# Build time and peak memory of the in-service builder's core (CoPurchaseCounter, heap as in k8s: 75 % of 768Mi)
# against the Spark job in local[2], on SyntheticPurchases files (docs/model-build.md, "Measured").
# usage: spark/measure.sh DIRECTORY [counter|spark|both] [SPARK_HEAP=1g] [COUNTER_HEAP=576m]
# Run from the repository root after: ./mvnw -B -o -f spark/pom.xml compile dependency:build-classpath \
#   -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile
# Each measurement holds the shared Maven lock so nothing else runs beside it (LOCK=" " when the caller holds it).
set -euo pipefail
cd "$(dirname "$0")"
dir=$1; which=${2:-both}; spark_heap=${3:-1g}; counter_heap=${4:-576m}
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)
measure() {
  local label=$1; shift
  echo "== $label"
  ${LOCK:-flock /tmp/mvn.lock} /usr/bin/time -v "$@" 2> >(grep -E "Elapsed|Maximum resident|Exit status|OutOfMemoryError" >&2) \
    | grep -E "counter core|Model .* built on Spark|OutOfMemory" || true
}
if [ "$which" != spark ]; then
  measure "counter core, -Xmx$counter_heap, $dir" java -Xmx"$counter_heap" -cp target/classes \
    dev.pertinence.spark.bench.CounterCore "$dir"
fi
if [ "$which" != counter ]; then
  measure "spark local[2], -Xmx$spark_heap, $dir" java -Xmx"$spark_heap" $opens -Dspark.master='local[2]' \
    -Dspark.ui.enabled=false -Dlog4j2.configurationFile=../spark/src/test/resources/log4j2-test.properties \
    -cp "target/classes:$(cat target/classpath.txt)" dev.pertinence.spark.CoPurchaseJob \
    --purchases "csv:$dir/purchases.csv" --products "csv:$dir/products.csv" --redis none
fi
