#!/usr/bin/env bash
# 10,000 malformed and hostile requests against the packaged service (embedded servers, loopback only, ~1 min).
# Prints the answers by status; fails when any is a 5xx or an error without application/problem+json.
# Usage: bench/hostile.sh   (COUNT=10000 PORT=18082 to override)
set -euo pipefail
cd "$(dirname "$0")/.."
# the packaged service (production profile) refuses to start without a pseudonym key of its own; one per run
export PERTINENCE_PRIVACY_PSEUDONYM_KEY="${PERTINENCE_PRIVACY_PSEUDONYM_KEY:-$(head -c 32 /dev/urandom | base64)}"
PORT=${PORT:-18082}
COUNT=${COUNT:-10000}
OUT=bench/out
mkdir -p "$OUT"
./mvnw -q -B package -DskipTests
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/hostile-key.pem" 2>/dev/null
openssl pkey -in "$OUT/hostile-key.pem" -pubout -out "$OUT/hostile-pub.pem"
TOKEN=$(TOKEN_KEY="$OUT/hostile-key.pem" TOKEN_ISSUER=pertinence-hostile dev/token.sh decision-client marketer data-ingest privacy-officer)
java -Xmx1g -Dquarkus.http.port="$PORT" -Dmp.jwt.verify.publickey.location="$OUT/hostile-pub.pem" \
  -Dmp.jwt.verify.issuer=pertinence-hostile -Dmp.jwt.verify.audiences=pertinence -jar target/quarkus-app/quarkus-run.jar > "$OUT/hostile-service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
java -Xmx1g bench/Hostile.java "http://127.0.0.1:$PORT" "$TOKEN" "$COUNT"
echo "== service log: $(grep -c '"level":"ERROR"' "$OUT/hostile-service.log" || true) ERROR lines"
