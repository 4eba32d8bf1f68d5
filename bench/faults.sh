#!/usr/bin/env bash
# Load and fault tests, loopback only, bounded (~6 min). Needs Debian's redis-server and PostgreSQL 15 server
# binaries (installed by the script if missing) and root or the postgres user for initdb.
#  0. Twice the measured saturation point (wrk) for 60 s, open model: errors and latency percentiles.
#     0b. The same demand as a closed model: twice the connections that saturate, for 60 s.
#  1. Redis stopped for 20 s during a constant 300 decisions/s, then restarted: failed decisions,
#     decisions degraded by Redis, and how long after the restart degraded decisions stop.
#     1b. Redis frozen (SIGSTOP) for 10 s: the same, when Redis answers nothing instead of refusing.
#  2. The service killed (-9) and restarted during an outcome ingest: every outcome acknowledged
#     with a 2xx must be in PostgreSQL afterwards.
#  3. PostgreSQL stopped for 20 s during 200 decisions/s for known customers and an outcome ingest:
#     failed decisions (target 0), decisions degraded by the database, the writes' answers (503 with
#     Retry-After while it is down), every acknowledged outcome in PostgreSQL afterwards.
#     3b. PostgreSQL frozen (SIGSTOP) for 10 s: the same, when it answers nothing (the time bounds).
# Usage: bench/faults.sh   (PORT=18083 RATE=300 MAX_IN_FLIGHT=64 to override)
set -euo pipefail
cd "$(dirname "$0")/.."
# the packaged service (production profile) refuses to start without a pseudonym key of its own; one per run
export PERTINENCE_PRIVACY_PSEUDONYM_KEY="${PERTINENCE_PRIVACY_PSEUDONYM_KEY:-$(head -c 32 /dev/urandom | base64)}"
PORT=${PORT:-18083}
RATE=${RATE:-300}
# scenario 0 only: below the load generator's 256 connections, so that overload reaches the service instead of
# queueing in the generator; the other scenarios run with the default (256)
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
OUT=bench/out/faults
BASE=http://127.0.0.1:$PORT
PG_BIN=/usr/lib/postgresql/15/bin
REDIS_PORT=$((PORT + 1))
PG_PORT=$((PORT + 2))
rm -rf "$OUT" && mkdir -p "$OUT"
command -v redis-server >/dev/null || apt-get install -y -qq redis-server >/dev/null
[ -x "$PG_BIN/initdb" ] || apt-get install -y -qq postgresql-15 >/dev/null
./mvnw -q -B package -DskipTests

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/key.pem" 2>/dev/null
openssl pkey -in "$OUT/key.pem" -pubout -out "$OUT/pub.pem"
export TOKEN
TOKEN=$(TOKEN_KEY="$OUT/key.pem" TOKEN_ISSUER=pertinence-faults dev/token.sh decision-client marketer data-ingest)
AUTH="Authorization: Bearer $TOKEN"

redis_start() { redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --logfile "$OUT/redis.log" --pidfile "$OUT/redis.pid"; sleep 0.5; }
redis_stop() { redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; }
service_start() {
  java -Xmx768m -Dquarkus.http.port="$PORT" -Dmp.jwt.verify.publickey.location="$OUT/pub.pem" -Dmp.jwt.verify.issuer=pertinence-faults -Dmp.jwt.verify.audiences=pertinence \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT" -Dpertinence.http.max-in-flight="$MAX_IN_FLIGHT" "$@" -jar target/quarkus-app/quarkus-run.jar >> "$OUT/service.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "service did not become ready"; exit 1
}
# readiness and liveness 5 s into an outage (what Kubernetes would see)
probes() { sleep 5; echo "readiness while $1: $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/q/health/ready"), liveness: $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/q/health/live")"; }
# a series' value from /q/metrics, as a whole number (0 when absent): metric 'name{label="value"}'
metric() { curl -fs "$BASE/q/metrics" | awk -v series="$1" '$1 == series {print $2}' | cut -d. -f1 | grep . || echo 0; }
unrecorded() { metric pertinence_decisions_unrecorded_total; }
degraded() { metric "pertinence_decision_degraded_total{cause=\"${1:-redis}\"}"; }
# after a dependency came back: polls the degraded count of CAUSE every 0.5 s until it stops growing; prints the seconds since $RESTARTED
recovery() {
  local last now recovered=""; last=$(degraded "$1")
  for _ in $(seq 1 40); do sleep 0.5; now=$(degraded "$1")
    if [ "$now" = "$last" ] && [ -z "$recovered" ]; then recovered=$(date +%s.%N); elif [ "$now" != "$last" ]; then recovered=""; fi
    last=$now; done
  echo "${recovered:-$RESTARTED} - $RESTARTED" | bc
}
PGDIR=$(mktemp -d /tmp/pertinence-faults-pg.XXXXXX)   # PostgreSQL runs as the postgres user: a directory it owns
chown postgres "$PGDIR"
cleanup() {
  kill -9 ${PID:-0} 2>/dev/null || true; redis_stop
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$PGDIR"
}
trap cleanup EXIT

redis_start
service_start   # PostgreSQL embedded in scenarios 0 and 1
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
echo "== 0. Twice the saturation point for 60 s"
wrk -t2 -c32 -d20s -s bench/decision.lua "$BASE/v1/decisions" > /dev/null   # warm-up
SATURATION=$(wrk -t2 -c32 -d10s -s bench/decision.lua "$BASE/v1/decisions" | awk '/Requests\/sec/ {printf "%d", $2}')
# summed over work=decision|other (each kind of work has its own limit)
shed() { curl -fs "$BASE/q/metrics" | awk '$1 ~ /^pertinence_http_shed_total/ {s += $2} END {print int(s)}'; }
SHED=$(shed)
echo "saturation (wrk, 32 connections): $SATURATION req/s; now $((2 * SATURATION)) req/s, open model"
java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" $((2 * SATURATION)) 60 1000 | tee "$OUT/overload.txt"
echo "of which refused at capacity (503, Retry-After): $(( $(shed) - SHED ))"

kill $PID; wait $PID 2>/dev/null || true
MAX_IN_FLIGHT=256   # the default from here on: the fault scenarios measure degradation, not shedding
service_start

echo "== 0b. Twice the saturating concurrency for 60 s (closed model: 64 connections where 32 saturate)"
wrk -t2 -c32 -d15s -s bench/decision.lua "$BASE/v1/decisions" > /dev/null   # warm-up of the new JVM
wrk -t2 -c64 -d60s --latency -s bench/decision.lua "$BASE/v1/decisions" > "$OUT/closed.txt"
grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors' "$OUT/closed.txt" || true
grep -q 'Non-2xx' "$OUT/closed.txt" || echo "non-2xx answers: 0"

echo "== 1. Redis stopped for 20 s during $RATE decisions/s (60 s)"
java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" "$RATE" 10 1000 > /dev/null  # settle
java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" "$RATE" 60 1000 0 > "$OUT/rate.txt" &
LOAD=$!
sleep 15; BEFORE=$(degraded); redis_stop; echo "Redis stopped"
probes "Redis is down" &   # in the background: the outage lasts 20 s whatever the probes take
sleep 20; redis_start; RESTARTED=$(date +%s.%N); echo "Redis restarted"
RECOVERY=$(recovery redis)
wait $LOAD
cat "$OUT/rate.txt"
echo "decisions degraded by Redis: $(( $(degraded) - BEFORE )); degraded decisions stopped $RECOVERY s after the restart (0.5 s polls)"

echo "== 1b. Redis frozen (SIGSTOP) for 10 s during $RATE decisions/s (30 s)"
java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" "$RATE" 30 1000 0 > "$OUT/rate-frozen.txt" &
LOAD=$!
sleep 10; BEFORE=$(degraded); kill -STOP "$(cat "$OUT/redis.pid")"; echo "Redis frozen"
sleep 10; kill -CONT "$(cat "$OUT/redis.pid")"; RESTARTED=$(date +%s.%N); echo "Redis resumed"
RECOVERY=$(recovery redis)
wait $LOAD
cat "$OUT/rate-frozen.txt"
echo "decisions degraded by Redis: $(( $(degraded) - BEFORE )); degraded decisions stopped $RECOVERY s after it resumed (0.5 s polls)"
kill $PID; wait $PID 2>/dev/null || true

# How many of the acknowledged "decisionId offerId" impressions (one a line) PostgreSQL holds: one
# impression per decision and offer, whichever event id stored it
stored_impressions() {
  { echo "SELECT count(*) FROM (VALUES"; sed -E "s/^([^ ]+) (.+)$/('\1'::uuid, '\2'),/; \$s/,$//" "$1"
    echo ") AS acked (decision_id, offer_id) WHERE EXISTS (SELECT 1 FROM outcome o WHERE o.decision_id = acked.decision_id"
    echo "AND o.offer_id = acked.offer_id AND o.type = 'impression');"; } \
    | "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tA
}

echo "== 2. The service killed (-9) and restarted during an outcome ingest"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -o "-p $PG_PORT -k /tmp" -l "$PGDIR/pg.log" start >/dev/null
PG_ARGS=(-Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$PG_PORT/postgres" -Dquarkus.datasource.username=postgres
  -Dquarkus.datasource.password=postgres)
service_start "${PG_ARGS[@]}"
curl -fs -H "$AUTH" -X PUT "$BASE/v1/offers/faults-offer" -H 'Content-Type: application/json' \
  -d '{"title": "T", "message": "M", "channels": ["web"], "businessValue": 1}' > /dev/null
: > "$OUT/decisions.txt"
for i in $(seq 1 200); do
  { curl -fs -H "$AUTH" -X POST "$BASE/v1/decisions" -H 'Content-Type: application/json' \
      -d "{\"visitorId\": \"f$i\", \"channel\": \"web\", \"placement\": \"home\"}" \
      | sed -E 's/.*"decisionId":"([^"]+)".*"offerId":"([^"]+)".*/\1 \2/'; echo; } >> "$OUT/decisions.txt"
done
sleep 1   # decisions are recorded within a flush interval (200 ms)
java bench/Ingest.java "$BASE" "$TOKEN" "$OUT/decisions.txt" "$OUT/acked.txt" 25 &
INGEST=$!
sleep 8; kill -9 $PID; echo "service killed"; sleep 2
service_start "${PG_ARGS[@]}"; echo "service restarted"
wait $INGEST
ACKED=$(wc -l < "$OUT/acked.txt")
FOUND=$(stored_impressions "$OUT/acked.txt")
echo "impressions acknowledged: $ACKED; in PostgreSQL: $FOUND; lost: $((ACKED - FOUND))"

echo "== 3. PostgreSQL stopped for 20 s during 200 decisions/s for 100 known customers and an outcome ingest (45 s)"
for i in $(seq 0 99); do
  curl -fs -H "$AUTH" -X PUT "$BASE/v1/customers/cu$i" -H 'Content-Type: application/json' \
    -d "{\"firstName\": \"C$i\", \"segments\": [\"faults\"]}" > /dev/null
done
pg_outage() {   # $1: scenario tag, $2: how to take PostgreSQL away, $3: how to bring it back, $4: seconds away
  java -cp 'target/quarkus-app/lib/main/*' bench/ConstantRate.java "$BASE/v1/decisions" 200 45 100 0 > "$OUT/rate-$1.txt" &
  local load=$!
  java bench/Ingest.java "$BASE" "$TOKEN" "$OUT/decisions.txt" "$OUT/acked-$1.txt" 45 "$1" > "$OUT/ingest-$1.txt" &
  local ingest=$!
  sleep 10; local before lost; before=$(degraded database); lost=$(unrecorded); eval "$2"; echo "PostgreSQL away ($1)"
  probes "PostgreSQL is away" &
  sleep "$4"; eval "$3"; RESTARTED=$(date +%s.%N); echo "PostgreSQL back"
  local recovery; recovery=$(recovery database)
  echo "readiness after: $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/q/health/ready")"
  wait $load $ingest
  cat "$OUT/rate-$1.txt" "$OUT/ingest-$1.txt"
  local acked found
  acked=$(wc -l < "$OUT/acked-$1.txt")
  found=$(stored_impressions "$OUT/acked-$1.txt")
  echo "decisions degraded by the database: $(( $(degraded database) - before )); stopped $recovery s after it came back (0.5 s polls)"
  echo "impressions acknowledged: $acked; in PostgreSQL: $found; lost: $((acked - found))"
  echo "decisions answered but not recorded: $(( $(unrecorded) - lost ))"
}
PG_CTL=(runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data")
pg_outage stopped '"${PG_CTL[@]}" stop -m fast >/dev/null' '"${PG_CTL[@]}" -o "-p $PG_PORT -k /tmp" -l "$PGDIR/pg.log" start >/dev/null' 20

echo "== 3b. PostgreSQL frozen (SIGSTOP, every process of the cluster) for 10 s, same load (45 s)"
pg_processes() { echo "$(head -1 "$PGDIR/data/postmaster.pid") $(pgrep -P "$(head -1 "$PGDIR/data/postmaster.pid")" | tr '\n' ' ')"; }
pg_outage frozen 'FROZEN=$(pg_processes); kill -STOP $FROZEN' 'kill -CONT $FROZEN' 10
echo "Vert.x SQL pool timer noise silenced (vertx-sql-client#1706): $(metric pertinence_store_pool_timer_noise_total)"
echo "uncaught exceptions logged: $(grep -c 'Uncaught exception' "$OUT/service.log" || true)"
