#!/usr/bin/env bash
# The frontends' CI, run by .ci/run before the test suite (about 2 minutes once apt and npm caches are warm):
#  1. Debian chromium + fonts-noto-core (apt, only when missing), npm ci, dotnet tool restore;
#  2. contract lint: Redocly (recommended) and Spectral (spectral:oas), errors fail;
#  3. the TypeScript types and the Kiota C# client regenerated from openapi/newsapi.v1.json must equal
#     what is committed (stale generated code fails);
#  4. tsc over the client and the reader site, vite build (a contract change a frontend relies on fails here);
#  5. the reader site in chromium against the real service (clients/web/tests/e2e.sh).
# The C# client is compiled and run against the service by `dotnet test` (tests/NewsApi.Tests/Clients).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
root="$(cd .. && pwd)"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
failed=()
step() {
  local name="$1" limit="$2"; shift 2
  local started=$SECONDS
  echo "-- $name"
  local run=(timeout "$limit")
  [ "$limit" = "-" ] && run=()   # shell functions cannot run under timeout
  if "${run[@]}" "$@"; then echo "   ok ($((SECONDS - started)) s)"; else echo "   FAILED: $name" >&2; failed+=("$name"); fi
}
fresh() { # the generated files under $1 equal the committed ones (changed, added or deleted files all count)
  local changes
  changes="$(git -C "$root" status --porcelain -- "$1")"
  [ -z "$changes" ] || { echo "$changes" | head -n 20; echo "stale: regenerate (see README 'Building a frontend') and commit" >&2; return 1; }
}

if ! dpkg -s chromium fonts-noto-core >/dev/null 2>&1; then
  step "apt: chromium fonts-noto-core" 240s env DEBIAN_FRONTEND=noninteractive sh -c \
    'apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null'
fi
step "npm ci (clients/)" 300s npm ci --no-audit --no-fund --loglevel=error
step "dotnet tool restore (Kiota)" 120s dotnet tool restore
step "Redocly lint (recommended)" 60s npx --no-install redocly lint --format=summary ../openapi/newsapi.v1.json
step "Spectral lint (spectral:oas)" 60s npx --no-install spectral lint -r ../.spectral.yaml --fail-severity=error ../openapi/newsapi.v1.json
step "openapi-typescript: regenerate" 60s npm run --silent generate -w @newsapi/client
step "TypeScript types are fresh" - fresh clients/typescript/src
step "Kiota: regenerate the C# client" 120s dotnet/generate.sh
step "C# client is fresh" - fresh clients/dotnet/NewsApi.Client/Generated
step "tsc: client and reader site" 120s npm run --silent check
step "vite build: reader site" 120s npm run --silent build -w @newsapi/reader
step "browser test: reader site in chromium" 300s web/tests/e2e.sh

if [ "${#failed[@]}" -ne 0 ]; then
  printf 'clients: %d step(s) failed: %s\n' "${#failed[@]}" "$(IFS=,; echo "${failed[*]}")" >&2
  exit 1
fi
echo "clients: all steps passed"
