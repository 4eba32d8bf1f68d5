#!/usr/bin/env bash
# The decision-path benchmark, documented in README.md and docs/benchmarks.md. Loopback only, bounded.
# Every wrk and constant-rate phase reports its CPU per request (service, PostgreSQL, Redis, from /proc) and
# the service's allocation per request (bench/cost.sh), in bench/out/cost.txt.
#
# bench/run.sh [light]  (~9 min) 20k products, 1M purchase lines of 100k customers (10 each), their consents:
#   100 offers:    constant 1,000 req/s (p50/p99)
#   1,000 offers:  wrk throughput of POST /v1/decisions vs the one-row baseline GET /v1/customers/{id};
#                  constant 1,000 req/s; wrk throughput with every decision in an experiment
#   10,000 offers: constant 1,000 req/s; wrk throughput
# bench/run.sh heavy  (~12 min) 4,000 customers with 30-300 purchase lines each, every offer with a rule,
#                  decisions for known customers only:
#   1,000 offers:  wrk one-row baseline and decisions; constant 1,000 req/s for 5 minutes (RATE_SECONDS),
#                  with decision records accumulating, and its per-second p99 series (bench/out/series-heavy.csv)
#   10,000 offers: wrk decisions; constant 1,000 req/s for 60 s
# and the service's RSS. DURATION=30s RATE=1000 RATE_SECONDS=30 (heavy: 300) PORT=18080 to override.
set -euo pipefail
SCENARIO=${1:-light}
case "$SCENARIO" in light|heavy) ;; *) echo "usage: bench/run.sh [light|heavy]"; exit 2 ;; esac
cd "$(dirname "$0")/.."
# the packaged service (production profile) refuses to start without a pseudonym key of its own; one per run
export PERTINENCE_PRIVACY_PSEUDONYM_KEY="${PERTINENCE_PRIVACY_PSEUDONYM_KEY:-$(head -c 32 /dev/urandom | base64)}"
PORT=${PORT:-18080}
DURATION=${DURATION:-30s}
RATE=${RATE:-1000}
if [[ $SCENARIO == heavy ]]; then RATE_SECONDS=${RATE_SECONDS:-300}; export CUSTOMERS=4000 ANONYMOUS=0;
else RATE_SECONDS=${RATE_SECONDS:-30}; export CUSTOMERS=100000 ANONYMOUS=5; fi
OUT=bench/out
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
: > "$OUT/cost.txt"
source bench/cost.sh

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
./mvnw -q -B package -DskipTests
if [[ $SCENARIO == heavy ]]; then java bench/Seed.java "$OUT" heavy 1000 10000; else java bench/Seed.java "$OUT" light 100 1000 10000; fi

# Access control stays on, as in production: a key pair of this run's own, and a token for wrk and curl.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/privateKey.pem" 2>/dev/null
openssl pkey -in "$OUT/privateKey.pem" -pubout -out "$OUT/publicKey.pem"
export TOKEN
TOKEN=$(TOKEN_KEY="$OUT/privateKey.pem" TOKEN_ISSUER=pertinence-bench dev/token.sh decision-client marketer data-ingest)
AUTH="Authorization: Bearer $TOKEN"

java -Xmx1g -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -Dpertinence.model.rebuild-cron=off \
  -Dmp.jwt.verify.publickey.location="$OUT/publicKey.pem" -Dmp.jwt.verify.issuer=pertinence-bench -Dmp.jwt.verify.audiences=pertinence \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
find_servers

offers() { curl -fs -H "$AUTH" -X PUT "$BASE/v1/offers" -H 'Content-Type: application/json' --data-binary @"$OUT/offers-$1.json"; echo; }
decisions() { wrk -t2 -c32 -d"$1" --latency -s bench/decision.lua "$BASE/v1/decisions"; }
constant() { java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" "$RATE" "${1:-$RATE_SECONDS}" "$CUSTOMERS"; }
# measured() LABEL FILE COMMAND...: runs a wrk phase into FILE, and its cost per request
measured() {
  local label=$1 file=$2; shift 2
  cost_start; "$@" | tee "$file"; cost_end "$label" "$(wrk_requests "$file")"
}
# constant_measured LABEL FILE SECONDS: a constant-rate phase, its CPU per request over the recorded seconds
# only (the generator's 5 s warm-up excluded: it marks the span), without a GC forced in the middle of it;
# bench/bursts.py names what used the CPU in each second whose p99 exceeded 20 ms (FILE-bursts.txt)
constant_measured() {
  local label=$1 file=$2 seconds=$3 mark="$OUT/mark"
  rm -f "$mark".*
  MARK=$mark SERIES="${file%.txt}.csv" constant "$seconds" > "$file" & local generator=$!
  python3 bench/bursts.py "$PID" "$mark" "${file%.txt}.csv" "${file%.txt}-cpu.txt" "$((seconds + 30))" > "${file%.txt}-bursts.txt" & local bursts=$!
  until [[ -e $mark.start ]]; do sleep 0.05; done
  cost_start_running
  until [[ -e $mark.end ]]; do sleep 0.05; done
  cost_end "$label" "$((RATE * seconds))" running
  wait $generator; wait $bursts || true; cat "$file" "${file%.txt}-bursts.txt"
}

echo "== seeding"
curl -fs -H "$AUTH" -X POST "$BASE/v1/products/import" -H 'Content-Type: text/csv' --data-binary @"$OUT/products.csv"; echo
curl -fs -H "$AUTH" -X POST "$BASE/v1/purchases/import" -H 'Content-Type: text/csv' --data-binary @"$OUT/purchases.csv"; echo
curl -fs -H "$AUTH" -X POST "$BASE/v1/consents/import" -H 'Content-Type: text/csv' --data-binary @"$OUT/consents.csv"; echo
if [[ $SCENARIO == heavy ]]; then offers 1000; else offers 100; fi
BUILD=$(curl -fs -H "$AUTH" -X POST "$BASE/v1/models/co-purchase/builds" | sed -E 's/.*"id":"([^"]+)".*/\1/')
until curl -fs -H "$AUTH" "$BASE/v1/models/co-purchase/builds/$BUILD" | grep -q '"status":"succeeded"'; do
  curl -fs -H "$AUTH" "$BASE/v1/models/co-purchase/builds/$BUILD" | grep -q '"status":"failed"' && { echo "model build failed"; exit 1; }
  sleep 1
done
curl -fs -H "$AUTH" "$BASE/v1/models/co-purchase/builds/$BUILD"; echo

# Right after the seeding the JIT is still compiling the decision path (C2 took 43 % of the CPU during a
# 15 s warm-up, async-profiler): a shorter warm-up measured the compiler, not the service.
echo "== warm-up (decisions 45 s, baseline 15 s)"
decisions 45s > /dev/null
wrk -t2 -c32 -d15s -s bench/customer.lua "$BASE" > /dev/null

if [[ $SCENARIO == heavy ]]; then
  echo "== heavy histories, 1,000 offers with a rule each"
  echo "== throughput: baseline GET /v1/customers/{id}"
  measured "heavy: one-row GET /v1/customers/{id}" "$OUT/wrk-heavy-baseline.txt" \
    wrk -t2 -c32 -d"$DURATION" --latency -s bench/customer.lua "$BASE"
  echo "== throughput: POST /v1/decisions, 1,000 offers"
  measured "heavy: decisions, 1,000 offers (wrk)" "$OUT/wrk-heavy-decisions-1000.txt" decisions "$DURATION"
  echo "== constant $RATE req/s for $RATE_SECONDS s, 1,000 offers"
  constant_measured "heavy: decisions, 1,000 offers, $RATE/s" "$OUT/rate-heavy-1000.txt" "$RATE_SECONDS"
  echo "== 10,000 offers"
  offers 10000
  decisions 10s > /dev/null
  echo "== throughput: POST /v1/decisions, 10,000 offers"
  measured "heavy: decisions, 10,000 offers (wrk)" "$OUT/wrk-heavy-decisions-10000.txt" decisions "$DURATION"
  echo "== constant $RATE req/s for 60 s, 10,000 offers"
  constant_measured "heavy: decisions, 10,000 offers, $RATE/s" "$OUT/rate-heavy-10000.txt" 60
else
  echo "== constant $RATE req/s, 100 offers"
  constant_measured "light: decisions, 100 offers, $RATE/s" "$OUT/rate-100.txt" "$RATE_SECONDS"

  echo "== 1,000 offers"
  offers 1000
  decisions 10s > /dev/null
  echo "== throughput: baseline GET /v1/customers/{id}"
  measured "light: one-row GET /v1/customers/{id}" "$OUT/wrk-baseline.txt" \
    wrk -t2 -c32 -d"$DURATION" --latency -s bench/customer.lua "$BASE"
  echo "== throughput: POST /v1/decisions, 1,000 offers"
  measured "light: decisions, 1,000 offers (wrk)" "$OUT/wrk-decisions-1000.txt" decisions "$DURATION"
  echo "== constant $RATE req/s, 1,000 offers"
  constant_measured "light: decisions, 1,000 offers, $RATE/s" "$OUT/rate-1000.txt" "$RATE_SECONDS"
  echo "== throughput: POST /v1/decisions, 1,000 offers, in an experiment (control 45 %, personalised 45 %, exploring 10 %)"
  EXPERIMENT=$(curl -fs -H "$AUTH" -X POST "$BASE/v1/experiments" -H 'Content-Type: application/json' -d '{"name": "bench",
    "channels": ["web"], "placements": ["home"], "arms": [{"name": "control", "share": 45, "strategy": "control"},
    {"name": "personalised", "share": 45, "strategy": "personalised"},
    {"name": "explore", "share": 10, "strategy": "personalised", "exploration": 1}]}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  decisions 10s > /dev/null
  measured "light: decisions, 1,000 offers, experiment (wrk)" "$OUT/wrk-decisions-1000-experiment.txt" decisions "$DURATION"
  curl -fs -H "$AUTH" -X POST "$BASE/v1/experiments/$EXPERIMENT/stop" > /dev/null

  echo "== 10,000 offers"
  offers 10000
  decisions 10s > /dev/null
  echo "== constant $RATE req/s, 10,000 offers"
  constant_measured "light: decisions, 10,000 offers, $RATE/s" "$OUT/rate-10000.txt" "$RATE_SECONDS"
  echo "== throughput: POST /v1/decisions, 10,000 offers"
  measured "light: decisions, 10,000 offers (wrk)" "$OUT/wrk-decisions-10000.txt" decisions "$DURATION"
fi

RSS=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
echo "== RSS: $((RSS / 1024)) MB" | tee "$OUT/rss.txt"
echo "== service log errors: $(grep -c ERROR "$OUT/service.log" || true)"
echo "== cost per request"
cat "$OUT/cost.txt"
