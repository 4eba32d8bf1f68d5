#!/usr/bin/env bash
# Signs a bearer token for local development and tests: dev/token.sh ROLE... (8 hours).
# Roles: decision-client, marketer, data-ingest, privacy-officer. Needs only openssl.
# The key pair in dev/jwt/ is for development only: the service accepts it in dev and test mode,
# never in production (docs/security.md). Another key, issuer or audience:
# TOKEN_KEY=... TOKEN_ISSUER=... TOKEN_AUDIENCE=... dev/token.sh ...
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 ROLE... (decision-client, marketer, data-ingest, privacy-officer)" >&2; exit 2; }
KEY=${TOKEN_KEY:-$(dirname "$0")/jwt/privateKey.pem}
ISSUER=${TOKEN_ISSUER:-https://pertinence.dev/issuer}
AUDIENCE=${TOKEN_AUDIENCE:-pertinence}
now=$(date +%s)
groups=$(printf '"%s",' "$@")
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
payload=$(printf '{"iss":"%s","aud":"%s","sub":"dev","upn":"dev@localhost","groups":[%s],"iat":%d,"exp":%d}' \
  "$ISSUER" "$AUDIENCE" "${groups%,}" "$now" $((now + 8 * 3600)) | b64)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEY" | b64)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
