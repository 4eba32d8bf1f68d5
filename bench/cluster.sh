#!/usr/bin/env bash
# The service on a real Redis Cluster (3 masters, Debian's redis-server, loopback), PostgreSQL embedded:
# runs the README's walkthrough plus what touches several keys (an email decision's contact reservation,
# outcomes and the learned counters' reload, a merge, an erasure, an experiment, catalogue announcements),
# then checks that no Redis call failed (no CROSSSLOT, no degraded decision) and that keys landed on
# every node. Also prints CLUSTER KEYSLOT of the reference keys HashSlotsTest pins. About 2 minutes.
# Usage: bench/cluster.sh   (PORT=18093 to override; the nodes take PORT+1..PORT+3)
set -euo pipefail
cd "$(dirname "$0")/.."
# the packaged service (production profile) refuses to start without a pseudonym key of its own; one per run
export PERTINENCE_PRIVACY_PSEUDONYM_KEY="${PERTINENCE_PRIVACY_PSEUDONYM_KEY:-$(head -c 32 /dev/urandom | base64)}"
PORT=${PORT:-18093}
OUT=bench/out/cluster
BASE=http://127.0.0.1:$PORT
rm -rf "$OUT" && mkdir -p "$OUT"
command -v redis-server >/dev/null || apt-get install -y -qq redis-server >/dev/null
[ -f target/quarkus-app/quarkus-run.jar ] && [ -z "${REBUILD:-}" ] || ./mvnw -q -B package -DskipTests

NODES=() HOSTS=()
for i in 1 2 3; do
  P=$((PORT + i)); NODES+=("127.0.0.1:$P"); HOSTS+=("redis://127.0.0.1:$P")
  mkdir -p "$OUT/node$i"
  (cd "$OUT/node$i" && redis-server --port "$P" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
    --save '' --appendonly no --daemonize yes --logfile redis.log --pidfile redis.pid)
done
cleanup() {
  kill -9 ${PID:-0} 2>/dev/null || true
  for i in 1 2 3; do redis-cli -p $((PORT + i)) shutdown nosave >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
sleep 0.5
redis-cli --cluster create "${NODES[@]}" --cluster-replicas 0 --cluster-yes > "$OUT/create.log"
until redis-cli -p $((PORT + 1)) cluster info | grep -q 'cluster_state:ok'; do sleep 0.2; done
echo "cluster up: ${NODES[*]}"
echo "CLUSTER KEYSLOT foo=$(redis-cli -p $((PORT + 1)) cluster keyslot foo) bar=$(redis-cli -p $((PORT + 1)) cluster keyslot bar)" \
  "pertinence:{o:x}:responses=$(redis-cli -p $((PORT + 1)) cluster keyslot 'pertinence:{o:x}:responses')" \
  "o:x=$(redis-cli -p $((PORT + 1)) cluster keyslot 'o:x')"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/key.pem" 2>/dev/null
openssl pkey -in "$OUT/key.pem" -pubout -out "$OUT/pub.pem"
TOKEN=$(TOKEN_KEY="$OUT/key.pem" TOKEN_ISSUER=pertinence-cluster dev/token.sh decision-client marketer data-ingest privacy-officer)
AUTH="Authorization: Bearer $TOKEN"
java -Xmx768m -Dquarkus.http.port="$PORT" -Dmp.jwt.verify.publickey.location="$OUT/pub.pem" -Dmp.jwt.verify.issuer=pertinence-cluster -Dmp.jwt.verify.audiences=pertinence \
  -Dquarkus.redis.client-type=cluster -Dquarkus.redis.hosts="$(IFS=,; echo "${HOSTS[*]}")" \
  -Dpertinence.learning.refresh-interval=2s -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/q/health/ready" > /dev/null || { echo "service not ready"; tail -30 "$OUT/service.log"; exit 1; }

FAILED=0
call() {   # METHOD PATH [BODY] [CONTENT-TYPE]: prints the body, counts a non-2xx
  local status
  status=$(curl -s -o "$OUT/last.json" -w '%{http_code}' -H "$AUTH" -X "$1" "$BASE$2" -H "Content-Type: ${4:-application/json}" \
    ${3:+--data-binary "$3"})
  if [ "${status:0:1}" != 2 ]; then FAILED=$((FAILED + 1)); echo "!! $1 $2 -> $status $(head -c 300 "$OUT/last.json")" >&2; fi
  cat "$OUT/last.json"
}
field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/"; }

call POST '/v1/purchases/import?format=baskets' @../shared/data/groceries.csv text/csv > /dev/null
printf 'sku,name,category,price\nroot-vegetables,Root vegetables,vegetables,1.20\nherbs,Herbs,vegetables,0.99\nyogurt,Yogurt,dairy,0.60\n' > "$OUT/products.csv"
call POST /v1/products/import @"$OUT/products.csv" text/csv > /dev/null
call POST /v1/offers '{"id": "roots-box", "title": "Roots", "message": "Roots", "category": "vegetables",
  "targetSkus": ["root-vegetables"], "channels": ["web", "email"], "businessValue": 8}' > /dev/null
call POST /v1/offers '{"id": "yogurt-2for1", "title": "Yogurt", "message": "Yogurt", "category": "dairy",
  "targetSkus": ["yogurt"], "channels": ["web", "email"], "businessValue": 5}' > /dev/null
for i in $(seq 0 9); do   # offers whose counters' keys fall on every node: the reload's batch crosses nodes
  call PUT "/v1/offers/cl-$i" "{\"title\": \"Offer $i\", \"message\": \"M\", \"channels\": [\"app\"], \"businessValue\": 1}" > /dev/null
done
for c in c-42 c-43; do
  call PUT "/v1/customers/$c" '{"firstName": "Jeanne", "segments": ["gold"]}' > /dev/null
  call PUT "/v1/customers/$c/consents" '{"consents": [{"purpose": "profiling", "granted": true, "source": "t"},
    {"purpose": "offers", "channel": "email", "granted": true, "source": "t"}]}' > /dev/null
done
call POST /v1/purchases "{\"orderId\": \"o-1\", \"customerId\": \"c-42\", \"sku\": \"herbs\", \"purchasedAt\": \"$(date -u -d yesterday +%Y-%m-%dT%H:%M:%SZ)\"}" > /dev/null
BUILD=$(call POST /v1/models/co-purchase/builds | field id)
for _ in $(seq 1 120); do call GET "/v1/models/co-purchase/builds/$BUILD" | grep -q '"status":"succeeded"' && break; sleep 1; done
echo "model: $(call GET /v1/models/co-purchase | head -c 200)"
D=$(call POST /v1/decisions '{"customerId": "c-42", "channel": "web", "placement": "home"}' | field decisionId)
echo "decision: $(head -c 400 "$OUT/last.json")"
call POST "/v1/decisions/$D/outcomes" '{"eventId": "e-1", "offerId": "roots-box", "type": "impression"}' > /dev/null
call POST "/v1/decisions/$D/outcomes" '{"eventId": "e-2", "offerId": "roots-box", "type": "accept"}' > /dev/null
call POST "/v1/decisions/$D/outcomes" '{"eventId": "e-2", "offerId": "roots-box", "type": "accept"}' > /dev/null   # a retry
echo "email decision (contact reservation): $(call POST /v1/decisions '{"customerId": "c-43", "channel": "email", "placement": "newsletter"}' | head -c 300)"
echo "second email decision (capped): $(call POST /v1/decisions '{"customerId": "c-43", "channel": "email", "placement": "newsletter"}' | head -c 300)"
sleep 3   # the learned counters' reload (every 2 s here) reads every offer's hash: many slots
echo "learned: $(call POST /v1/decisions '{"customerId": "c-42", "channel": "web", "placement": "home", "explain": true}' | grep -o 'Accepted in [^"]*' | head -1)"
echo "merge c-43 into c-42: $(call POST /v1/customers/c-42/merge '{"from": "c-43", "reason": "cluster test"}' | head -c 200)"
echo "exposures after the merge: $(call GET /v1/customers/c-42/exposures | head -c 300)"
call POST /v1/experiments '{"name": "Home", "channels": ["web"], "placements": ["home"], "arms": [{"name": "control",
  "share": 50, "strategy": "control"}, {"name": "personalised", "share": 50, "strategy": "personalised"}]}' > /dev/null
echo "in the experiment: $(call POST /v1/decisions '{"visitorId": "v-1", "channel": "web", "placement": "home"}' | grep -o '"experiment":{[^}]*}')"
echo "erasure: $(call DELETE /v1/customers/c-42 | head -c 200)"

echo "== checks"
echo "non-2xx answers: $FAILED"
echo "decisions degraded by Redis: $(curl -fs "$BASE/q/metrics" | awk '$1 == "pertinence_decision_degraded_total{cause=\"redis\"}" {print $2}' | grep . || echo 0)"
echo "cache reloads failed: $(curl -fs "$BASE/q/metrics" | awk '/^pertinence_cache_reloads_total\{.*result="failed"/ {s += $2} END {print s + 0}')"
echo "learned counters' reloads that failed (logged once a minute): $(grep -c 'Learned responses not refreshed' "$OUT/service.log" || true)"
grep 'Learned responses not refreshed' "$OUT/service.log" | head -1 | cut -c1-400 || true
echo "Redis errors in the log (CROSSSLOT, MOVED, ERR, Redis warnings): $(grep -ciE 'CROSSSLOT|MOVED|ERR |redis.*(WARN|ERROR)|(WARN|ERROR).*redis' "$OUT/service.log" || true)"
grep -iE 'CROSSSLOT|MOVED|ERR ' "$OUT/service.log" | head -5 || true
for i in 1 2 3; do echo "node $i: $(redis-cli -p $((PORT + i)) dbsize) keys"; done
