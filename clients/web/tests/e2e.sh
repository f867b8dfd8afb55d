#!/usr/bin/env bash
# Browser test of the reader site against the real service, all on 127.0.0.1:
# a fresh SQLite file with the demo content, an admin key from the CLI, the API with CORS open to the site,
# the site built with VITE_NEWSAPI_URL and served by `vite preview`, then tests/browser.mjs in Debian's chromium.
# Usage (from the repository root, after `npm ci` in clients/): clients/web/tests/e2e.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
API_PORT="${E2E_API_PORT:-5391}"
SITE_PORT="${E2E_SITE_PORT:-4391}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/NewsApi" -c Debug -v q -nologo -clp:ErrorsOnly >/dev/null
dll="$root/src/NewsApi/bin/Debug/net10.0/NewsApi.dll"
export ConnectionStrings__NewsDb="Data Source=$work/news.db"
export E2E_ADMIN_KEY
E2E_ADMIN_KEY="$(cd "$work" && dotnet "$dll" keys create --name e2e --role admin | tail -n 1)"

(cd "$work" && exec env urls="http://127.0.0.1:$API_PORT" Cors__AllowedOrigins__0="http://127.0.0.1:$SITE_PORT" \
  NewsApi__PublicBaseUrl="http://127.0.0.1:$SITE_PORT" RateLimiting__PermitsPerMinute=0 \
  dotnet "$dll" >"$work/api.log" 2>&1) &
pids+=($!)

cd "$root/clients/web"
vite="$root/clients/node_modules/vite/bin/vite.js"
VITE_NEWSAPI_URL="http://127.0.0.1:$API_PORT" node "$vite" build --logLevel warn
node "$vite" preview --host 127.0.0.1 --port "$SITE_PORT" --strictPort >"$work/site.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null && curl -sf "http://127.0.0.1:$SITE_PORT/" >/dev/null; then break; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || { echo "the API did not start" >&2; tail -n 30 "$work/api.log" >&2; exit 1; }

E2E_API="http://127.0.0.1:$API_PORT" E2E_SITE="http://127.0.0.1:$SITE_PORT" E2E_SEED="$root/src/NewsApi/Demo/news-page.json" \
  timeout 180 node tests/browser.mjs
