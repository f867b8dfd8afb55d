-- wrk script: requests random paths from a file (one per line) and prints p50/p95/p99.
-- usage: wrk -t1 -c1 -d20s -s random-paths.lua http://127.0.0.1:5301 -- paths.txt
local paths = {}
function init(args)
  for line in io.lines(args[1] or "paths.txt") do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function done(summary, latency, requests)
  io.write(string.format("requests=%d non2xx=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
