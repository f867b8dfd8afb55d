#!/usr/bin/env bash
# Search, related and article latency on a synthetic corpus, one client at a time (p50/p95/p99).
# usage: tests/load/run.sh [articles=100000]
# Needs wrk (apt-get install wrk). Generates tests/load/corpus-N.db once (about a minute for 100k).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
PORT=5301
DB="tests/load/corpus-$N.db"
OUT=tests/load/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

dotnet build src/NewsApi -c Release -v q -nologo >/dev/null
APP="dotnet src/NewsApi/bin/Release/net10.0/NewsApi.dll"
export ConnectionStrings__NewsDb="Data Source=$DB" NewsApi__DemoContent=false Logging__LogLevel__Default=Warning
if [ ! -f "$DB" ]; then
  echo "generating $N articles into $DB"
  $APP generate-corpus --articles "$N"
fi

$APP --urls "http://127.0.0.1:$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.2; done

python3 - "$N" "$OUT" <<'PY'
import random, sys, urllib.parse
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(7)
def q(words): return [f"/v1/search?q={urllib.parse.quote(w)}&limit=20" for w in words]
# common: words in thousands of articles; rare: words in a handful; romanised: Latin spellings
files = {
  "search-common": q(["पुतिन", "राष्ट्रपति", "रूस", "अमेरिका", "उत्तर कोरिया", "किम"]),
  "search-rare": q(["हस्ताक्षर", "योनहाप", "प्योंगयांग", "पुनर्निर्माण", "औपनिवेशिक", "सैपर"]),
  "search-romanised": q(["putin", "trump", "kim jong", "pakistan", "bhukamp", "rus"]),
  "related": [f"/v1/articles/{random.randint(1, n)}/related?limit=5" for _ in range(2000)],
  "article": [f"/v1/articles/{random.randint(1, n)}" for _ in range(2000)],
}
for name, paths in files.items():
    open(f"{out}/{name}.txt", "w").write("\n".join(paths) + "\n")
PY

for name in search-common search-rare search-romanised related article; do
  # one warm-up pass, then the measured run with a single client
  wrk -t1 -c1 -d3s -s tests/load/random-paths.lua "http://127.0.0.1:$PORT" -- "$OUT/$name.txt" >/dev/null
  printf '%-17s ' "$name"
  wrk -t1 -c1 -d15s -s tests/load/random-paths.lua "http://127.0.0.1:$PORT" -- "$OUT/$name.txt" | tail -n 1
done
