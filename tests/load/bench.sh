#!/usr/bin/env bash
# Throughput benchmark: wrk with 2 threads and 32 connections against every public read path of the
# service, the same paths written naively (tests/load/ceiling) and a constant answer (the framework's
# ceiling), all in one run so the ratios compare like with like. Prints a Markdown table, the
# service's peak RSS and its time to ready on an existing database.
#
# usage: tests/load/bench.sh                      # 100k articles, 15 s a scenario (about 6 minutes)
#        N=5000 DURATION=3 tests/load/bench.sh    # a quick check
# env:   N             articles in the corpus (default 100000); cached as tests/load/corpus-N.db
#        DURATION      seconds measured per scenario (default 15); WARMUP seconds before it (default 3)
#        THREADS, CONNECTIONS   wrk -t / -c (default 2 / 32)
#        PORT, CEILING_PORT, VARNISH_PORT   127.0.0.1 ports (default 5401, 5402, 5403)
#        WEBHOOKS=1    subscribe a receiver on 127.0.0.1 (it answers 204) to every webhook event, so the mix's
#                      writes also queue and deliver events; the outbox's counts are printed at the end
#        ONLY          a regular expression (grep -E): run only the scenarios whose label matches it, besides
#                      the ceiling (e.g. ONLY='search|suggest')
#        VCL           Varnish config for the "via Varnish" row (default deploy/varnish/default.vcl;
#                      the row is n/a without it or without varnishd)
# Needs wrk (installed with apt-get when run as root), curl, python3 and the .NET SDK.
# The corpus is never written to: each run benchmarks a copy (tests/load/out/bench-N.db), because the
# read/write mix edits articles. tests/load/run.sh measures single-client latency on the same corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000} DURATION=${DURATION:-15} WARMUP=${WARMUP:-3}
THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5401} CEILING_PORT=${CEILING_PORT:-5402} VARNISH_PORT=${VARNISH_PORT:-5403}
VCL=${VCL:-deploy/varnish/default.vcl}
LOAD=tests/load OUT=tests/load/out
CORPUS="$LOAD/corpus-$N.db" DB="$OUT/bench-$N.db"
SERVICE_URL="http://127.0.0.1:$PORT" CEILING_URL="http://127.0.0.1:$CEILING_PORT"
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "wrk is needed and only root can install it: sudo apt-get install wrk" >&2; exit 1
  fi
fi
for tool in curl python3 dotnet; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
# Another run (or someone else's server) on these ports would be measured instead of ours.
for p in "$PORT" "$CEILING_PORT" "$VARNISH_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "port $p is in use; set PORT, CEILING_PORT or VARNISH_PORT" >&2; exit 1; fi
done

echo "building (Release)" >&2
dotnet build src/NewsApi -c Release -v q -nologo >/dev/null
dotnet build "$LOAD/ceiling" -c Release -v q -nologo >/dev/null
SERVICE_DLL=src/NewsApi/bin/Release/net10.0/NewsApi.dll
CEILING_DLL=$LOAD/ceiling/bin/Release/net10.0/Ceiling.dll
# 32 connections from one address would be one rate-limit bucket: the benchmark measures the read path, not the limiter.
export NewsApi__DemoContent=false Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1 RateLimiting__PermitsPerMinute=0 RateLimiting__AdminPermitsPerMinute=0

if [ ! -f "$CORPUS" ]; then
  echo "generating $N articles into $CORPUS (about a minute per 100k)" >&2
  # Into a temporary name: an interrupted run must not leave a half-made corpus that looks cached.
  rm -f "$CORPUS.tmp"*
  ConnectionStrings__NewsDb="Data Source=$CORPUS.tmp" dotnet "$SERVICE_DLL" generate-corpus --articles "$N" >&2
  mv "$CORPUS.tmp" "$CORPUS"
fi
# A generated corpus holds no partner-feed or webhook state: the service's start-up pass writes it, 1,000
# articles every scheduler pass (every 5 s), and each pass moves the content clock, which empties the answer
# cache. Done once here, on the cached corpus, so the measured runs measure requests, not that backfill.
backfilled() {
  python3 - "$CORPUS" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
published = c.execute(f"SELECT count(*) FROM articles WHERE status = 'published' AND published_at <= {now}"
                      f" AND (embargo_until IS NULL OR embargo_until <= {now})").fetchone()[0]
held = c.execute("SELECT count(*) FROM webhook_public_articles").fetchone()[0]
sys.exit(0 if held >= published else 1)
PY
}
if ! backfilled; then
  echo "settling $CORPUS: the start-up backfill, once (about 8 minutes per 100k)" >&2
  ConnectionStrings__NewsDb="Data Source=$CORPUS" dotnet "$SERVICE_DLL" --urls "http://127.0.0.1:$PORT" >"$OUT/settle.log" 2>&1 &
  SETTLE=$!
  until backfilled; do
    kill -0 "$SETTLE" 2>/dev/null || { echo "the service exited while settling; see $OUT/settle.log" >&2; exit 1; }
    sleep 5
  done
  sleep 6   # the pass that reached the count also wrote the feed's documents; let it finish
  kill "$SETTLE"; wait "$SETTLE" 2>/dev/null || true
fi
# SQLite's online backup copies a consistent snapshot, WAL included, whatever state the cache is in.
rm -f "$DB" "$DB"-*
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' "$CORPUS" "$DB"
export ConnectionStrings__NewsDb="Data Source=$DB"
KEY=$(dotnet "$SERVICE_DLL" keys create --name bench --role editor | tail -n 1)

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  # Until they have let go of the ports, so a run straight after this one finds them free.
  for p in "${PIDS[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
}
trap cleanup EXIT
# wait_for URL PID LOG: poll every 10 ms until URL answers 200; give up if the process has exited.
wait_for() {
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "$2 exited; see $3" >&2; exit 1; }
    sleep 0.01
  done
}

if [ "${WEBHOOKS:-0}" = 1 ]; then
  RECEIVER_PORT=${RECEIVER_PORT:-5404}
  export Webhooks__AllowPrivateTargets=true
  python3 - "$RECEIVER_PORT" >"$OUT/receiver.log" 2>&1 <<'PY' &
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
  PIDS+=($!)
  ADMIN_KEY=$(dotnet "$SERVICE_DLL" keys create --name bench-admin --role admin | tail -n 1)
fi

# Time to ready: from process start to the first 200 from /health/ready, polled every 10 ms from one process
# (a curl started 100 times a second took most of a core from the service it was timing, on 2 cores).
start=$(date +%s%N)
dotnet "$SERVICE_DLL" --urls "$SERVICE_URL" >"$OUT/service.log" 2>&1 &
SERVICE=$!; PIDS+=("$SERVICE")
READY_MS=$(python3 - "$SERVICE_URL/health/ready" "$start" "$SERVICE" <<'PY'
import http.client, os, sys, time, urllib.parse
url, start, pid = urllib.parse.urlsplit(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
while True:
    try:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
        connection.request("GET", url.path)
        if connection.getresponse().status == 200: break
    except OSError:
        try: os.kill(pid, 0)
        except OSError: sys.exit("the service exited")
    time.sleep(0.01)
print((time.time_ns() - start) // 1_000_000)
PY
) || { echo "service exited; see $OUT/service.log" >&2; exit 1; }

# Started after the measurement above, so the two do not compete for the cores while it starts.
dotnet "$CEILING_DLL" --urls "$CEILING_URL" --Db "$DB" >"$OUT/ceiling.log" 2>&1 &
CEILING=$!; PIDS+=("$CEILING")
wait_for "$CEILING_URL/ceiling" "$CEILING" "$OUT/ceiling.log"

python3 "$LOAD/make-requests.py" "$DB" "$OUT" "$SERVICE_URL" "$KEY"
if [ "${WEBHOOKS:-0}" = 1 ]; then
  curl -sf -o /dev/null -X POST "$SERVICE_URL/v1/admin/webhooks" -H "Authorization: Bearer $ADMIN_KEY" \
    -H 'Content-Type: application/json' -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"events\":[\"*\"]}"
fi

VARNISH_URL=""
if command -v varnishd >/dev/null && [ -f "$VCL" ]; then
  # The VCL names the deployment's backend; point it at this run's service.
  sed -E "s/\.host *= *\"[^\"]*\"/.host = \"127.0.0.1\"/; s/\.port *= *\"[^\"]*\"/.port = \"$PORT\"/" "$VCL" >"$OUT/bench.vcl"
  rm -rf "$OUT/varnish"; mkdir -p "$OUT/varnish"
  varnishd -a "127.0.0.1:$VARNISH_PORT" -f "$PWD/$OUT/bench.vcl" -n "$PWD/$OUT/varnish" -s malloc,256m -p http_resp_hdr_len=32k -p http_resp_size=64k -P "$PWD/$OUT/varnish/pid" >"$OUT/varnish.log" 2>&1
  PIDS+=("$(cat "$OUT/varnish/pid")")
  VARNISH_URL="http://127.0.0.1:$VARNISH_PORT"
  wait_for "$VARNISH_URL/health/live" "${PIDS[-1]}" "$OUT/varnish.log"
fi

ROWS=() CEILING_RPS="" line=""
# val NAME: a field of the BENCH line bench.lua's done() printed for the last scenario.
val() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
# scenario LABEL URL FILE [EXPECTED_STATUS]: a warm-up, then the measured run; one table row.
scenario() {
  local label=$1 url=$2 file=$OUT/$3.txt expect=${4:-}
  if [ -n "${ONLY:-}" ] && [ "$3" != ceiling ] && ! grep -qE "$ONLY" <<<"$label"; then return; fi
  if [ -z "$url" ] || [ ! -f "$file" ]; then ROWS+=("| $label | n/a | n/a | n/a | n/a | n/a | n/a |"); return; fi
  echo "  $label" >&2
  local run=(wrk "-t$THREADS" "-c$CONNECTIONS" --timeout 10s -s "$LOAD/bench.lua")
  BENCH_EXPECT=$expect "${run[@]}" "-d${WARMUP}s" "$url" -- "$file" "$THREADS" >/dev/null
  BENCH_EXPECT=$expect "${run[@]}" "-d${DURATION}s" "$url" -- "$file" "$THREADS" >"$OUT/wrk-$3.txt"
  line=$(grep '^BENCH ' "$OUT/wrk-$3.txt")
  local rps; rps=$(val rps)
  # wrk counts only >= 400 as errors; where a status is expected, bench.lua counts every other one.
  local errors=$(( $(val socket_errors) + $(if [ -n "$expect" ]; then val unexpected; else val status_errors; fi) ))
  [ -n "$CEILING_RPS" ] || CEILING_RPS=$rps
  ROWS+=("$(printf '| %s | %.0f | %s | %s | %s | %d | %.3g |' "$label" "$rps" "$(val p50_ms)" "$(val p95_ms)" "$(val p99_ms)" "$errors" \
    "$(awk "BEGIN { print $rps / $CEILING_RPS }")")")
}

# A route that answers 404 is not in this build (feeds, for now): its row says n/a.
routed() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL$1")" != 404 ] && echo "$SERVICE_URL"; }

echo "running (${DURATION}s each, ${WARMUP}s warm-up)" >&2
scenario "ceiling: constant 3 KB JSON" "$CEILING_URL" ceiling
scenario "naive: article by id (1 query)" "$CEILING_URL" naive-article
scenario "naive: teasers, limit 20 (1 query)" "$CEILING_URL" naive-teasers
scenario "naive: search पुतिन (1 FTS5 query)" "$CEILING_URL" naive-search
scenario "article by id" "$SERVICE_URL" article
scenario "article by slug" "$SERVICE_URL" slug
scenario "article by id, 304 revalidation" "$SERVICE_URL" revalidate 304
scenario "teasers, limit 20" "$SERVICE_URL" teasers
scenario "teasers of a section, limit 20" "$SERVICE_URL" teasers-section
scenario "articles, limit 20" "$SERVICE_URL" articles
scenario "search पुतिन" "$SERVICE_URL" search-common
scenario "search, word mix" "$SERVICE_URL" search-mix
scenario "search suggest, prefix mix" "$SERVICE_URL" suggest
scenario "related" "$SERVICE_URL" related
scenario "adjacent" "$SERVICE_URL" adjacent
scenario "feeds (rss, atom, json)" "$(routed /feeds/rss.xml || true)" feeds
scenario "article by id via Varnish" "$VARNISH_URL" article
# Last: its writes change articles the other scenarios read.
scenario "95 % article reads / 5 % PATCH" "$SERVICE_URL" mix

RSS_MB=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVICE/status")
{
  echo
  echo "N=$N articles, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to ceiling |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Service peak RSS (VmHWM): $RSS_MB MB. Time to ready on the existing database: $READY_MS ms."
  if [ "${WEBHOOKS:-0}" = 1 ]; then
    echo
    echo "Webhook outbox after the run (state: events): $(python3 -c 'import sqlite3, sys; print(", ".join(f"{s}: {n}" for s, n in sqlite3.connect(sys.argv[1]).execute("SELECT state, count(*) FROM webhook_outbox GROUP BY state")))' "$DB")."
  fi
} | tee "$OUT/bench-$N.md"
