#!/usr/bin/env bash
# bench/ab.sh LABEL [java -D options...]: one side of an A/B comparison on the heavy-history data (~3.5 min).
# Starts the packaged service (target/quarkus-app) with these options on its embedded servers, imports
# bench/out (run `java bench/Seed.java bench/out heavy 1000` first), warms up for 40 s, then reports CPU per
# decision from /proc under wrk (20 s, closed model) and under ConstantRate at 1,000/s (20 s, open model:
# p50/p90/p99 from the due time), appended to bench/out/cost.txt. Run both sides back to back on a quiet
# machine, e.g.  bench/ab.sh "A: cel" -Dpertinence.rules.evaluator=cel && bench/ab.sh "B: direct"
# With BASELINE=1 it also reports the one-row read (GET /v1/customers/{id}, 10 s warm-up, 20 s of wrk).
set -euo pipefail
LABEL=$1; shift
cd "$(dirname "$0")/.."
OUT=bench/out; BASE=http://127.0.0.1:18080
export PERTINENCE_PRIVACY_PSEUDONYM_KEY="$(head -c 32 /dev/urandom | base64)"
[[ -f $OUT/privateKey.pem ]] || { openssl genrsa -out "$OUT/privateKey.pem" 2048 2>/dev/null;
  openssl rsa -in "$OUT/privateKey.pem" -pubout -out "$OUT/publicKey.pem" 2>/dev/null; }
export TOKEN=$(TOKEN_KEY="$OUT/privateKey.pem" TOKEN_ISSUER=pertinence-bench dev/token.sh decision-client marketer data-ingest)
AUTH="Authorization: Bearer $TOKEN"
# setsid: the service is not in this shell's job control, and holds none of its descriptors
setsid java -Xmx1g "$@" -Dquarkus.http.port=18080 -Dquarkus.log.level=WARN -Dpertinence.model.rebuild-cron=off \
  -Dmp.jwt.verify.publickey.location="$OUT/publicKey.pem" -Dmp.jwt.verify.issuer=pertinence-bench -Dmp.jwt.verify.audiences=pertinence \
  -jar target/quarkus-app/quarkus-run.jar > "$OUT/ab-service.log" 2>&1 < /dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
for f in products purchases consents; do
  curl -fs -H "$AUTH" -X POST "$BASE/v1/$f/import" -H 'Content-Type: text/csv' --data-binary @"$OUT/$f.csv" >/dev/null
done
curl -fs -H "$AUTH" -X PUT "$BASE/v1/offers" -H 'Content-Type: application/json' --data-binary @"$OUT/offers-1000.json" >/dev/null
curl -fs -H "$AUTH" -X POST "$BASE/v1/models/co-purchase/builds" >/dev/null
sleep 5
export CUSTOMERS=4000 ANONYMOUS=0
wrk -t2 -c32 -d40s -s bench/decision.lua "$BASE/v1/decisions" >/dev/null
source bench/cost.sh
find_servers >/dev/null
cost_start; wrk -t2 -c32 -d20s -s bench/decision.lua "$BASE/v1/decisions" > "$OUT/ab-wrk.txt"
cost_end "$LABEL wrk" "$(wrk_requests "$OUT/ab-wrk.txt")" | tail -1
rm -f "$OUT"/ab-mark.*
MARK=$OUT/ab-mark java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" 1000 20 4000 > "$OUT/ab-rate.txt" &
RATE=$!
until [[ -e $OUT/ab-mark.start ]]; do sleep 0.05; done
cost_start_running
until [[ -e $OUT/ab-mark.end ]]; do sleep 0.05; done
cost_end "$LABEL 1000/s" 20000 running | tail -1
wait $RATE
grep -o "p50=[^ ]* p90=[^ ]* p99=[^ ]*" "$OUT/ab-rate.txt"
if [[ ${BASELINE:-0} == 1 ]]; then
  wrk -t2 -c32 -d10s -s bench/customer.lua "$BASE" >/dev/null
  cost_start; wrk -t2 -c32 -d20s -s bench/customer.lua "$BASE" > "$OUT/ab-onerow.txt"
  cost_end "$LABEL one-row" "$(wrk_requests "$OUT/ab-onerow.txt")" | tail -1
fi
