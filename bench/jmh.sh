#!/usr/bin/env bash
# JMH benchmark of the pure decision core (no I/O). Usage: bench/jmh.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main DecisionEngineBenchmark "$@"
