#!/usr/bin/env bash
# A fresh JVM under constant load, without and with the warm-up (docs/resilience.md, "Restarts").
# PostgreSQL and Redis run embedded in a JVM of their own (bench/Servers.java) so the service can be
# restarted against the same data, as after a deployment. A first service run seeds 100 customers,
# 20 offers and a co-purchase model, then stops. Then, for WARMUP in $RUNS (rehearsed decisions;
# 0 = off): a fresh service is started, its readiness awaited, and 2,000 decisions are sent at
# 200/s (bench/ConstantRate.java, no generator warm-up); the decisions degraded by redis or the
# database and the ones shed are read from /q/metrics. Loopback only, about 3 minutes.
# Usage: bench/warmup.sh   (needs target/quarkus-app: ./mvnw package -DskipTests; RUNS="0 1000" PORT=18090)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
RUNS=${RUNS:-"0 1000"}
OUT=bench/out/warmup
BASE=http://127.0.0.1:$PORT
rm -rf "$OUT" && mkdir -p "$OUT"
CP='target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/quarkus-app/app/*'

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/key.pem" 2>/dev/null
openssl pkey -in "$OUT/key.pem" -pubout -out "$OUT/pub.pem"
export TOKEN
TOKEN=$(TOKEN_KEY="$OUT/key.pem" TOKEN_ISSUER=pertinence-warmup dev/token.sh decision-client marketer data-ingest)
AUTH="Authorization: Bearer $TOKEN"

export PERTINENCE_PRIVACY_PSEUDONYM_KEY="${PERTINENCE_PRIVACY_PSEUDONYM_KEY:-$(head -c 32 /dev/urandom | base64)}"
java -cp "$CP" bench/Servers.java > "$OUT/servers.log" 2>&1 &
SERVERS=$!
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; kill $SERVERS 2>/dev/null; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q '^SERVERS' "$OUT/servers.log" && break; sleep 0.5; done
grep -q '^SERVERS' "$OUT/servers.log" || { echo "embedded servers did not start: $OUT/servers.log"; exit 1; }
read -r -a STORES <<< "$(grep '^SERVERS' "$OUT/servers.log" | cut -d' ' -f2-)"

service_start() { # $1: rehearsed decisions
  STARTED=$(date +%s%N)
  java -Xmx768m -Dquarkus.http.port="$PORT" -Dmp.jwt.verify.publickey.location="$OUT/pub.pem" \
    -Dmp.jwt.verify.issuer=pertinence-warmup -Dmp.jwt.verify.audiences=pertinence -Dpertinence.model.rebuild-cron=off -Dpertinence.warm-up.decisions="$1" ${JAVA_OPTS:-} \
    "${STORES[@]}" -jar target/quarkus-app/quarkus-run.jar >> "$OUT/service.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && return; sleep 0.25; done
  echo "service did not become ready"; exit 1
}
service_stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
degraded() { curl -fs "$BASE/q/metrics" | awk '$1 ~ /^pertinence_decision_degraded_total\{cause="(redis|database)"\}/ {s += $2} END {print int(s)}'; }
shed() { curl -fs "$BASE/q/metrics" | awk '$1 ~ /^pertinence_http_shed_total/ {s += $2} END {print int(s)}'; }

echo "== seeding"
service_start 0
for i in $(seq 0 99); do
  curl -fs -o /dev/null -H "$AUTH" -X PUT "$BASE/v1/customers/cu$i" -H 'Content-Type: application/json' \
    -d "{\"firstName\": \"C$i\", \"segments\": [\"$([ $((i % 3)) = 0 ] && echo gold || echo standard)\"]}"
done
for i in $(seq 0 19); do
  curl -fs -o /dev/null -H "$AUTH" -X PUT "$BASE/v1/offers/wo-$i" -H 'Content-Type: application/json' \
    -d "{\"title\": \"Offer $i\", \"message\": \"Take offer $i\", \"category\": \"cat-$((i % 5))\", \"channels\": [\"web\"], \"placements\": [\"home\"], \"businessValue\": $((i % 7 + 1))}"
done
LINES=
for order in $(seq 0 399); do
  a=$((order % 40))  # three distinct SKUs an order
  for sku in "sku-$a" "sku-$(((a + 1 + order % 5) % 40))" "sku-$(((a + 7 + order % 3) % 40))"; do
    LINES="$LINES{\"orderId\": \"wo-$order\", \"customerId\": \"cu$((order % 100))\", \"sku\": \"$sku\", \"purchasedAt\": \"2026-11-01T10:00:00Z\"},"
  done
done
curl -fs -o /dev/null -H "$AUTH" -X POST "$BASE/v1/purchases/batch" -H 'Content-Type: application/json' -d "[${LINES%,}]"
BUILD=$(curl -fs -H "$AUTH" -X POST "$BASE/v1/models/co-purchase/builds" | sed -E 's/.*"id":"([^"]+)".*/\1/')
until curl -fs -H "$AUTH" "$BASE/v1/models/co-purchase/builds/$BUILD" | grep -q '"status":"succeeded"'; do sleep 0.5; done
service_stop

for WARMUP in $RUNS; do
  echo "== fresh JVM, warm-up ${WARMUP} decisions"
  service_start "$WARMUP"
  echo "ready after $(( ($(date +%s%N) - STARTED) / 1000000 )) ms"
  D0=$(degraded); S0=$(shed)
  (for s in $(seq 1 11); do sleep 1; printf '%s ' "$(( $(degraded) - D0 ))"; done; echo " <- degraded so far, each second") &
  SAMPLER=$!
  java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" 200 10 100 0 | tee "$OUT/rate-$WARMUP.txt"
  wait $SAMPLER
  echo "degraded (redis or database) among the first 2,000: $(( $(degraded) - D0 )), shed: $(( $(shed) - S0 ))"
  grep -o 'Decision path warmed up.*' "$OUT/service.log" | tail -1 || true
  service_stop
done
