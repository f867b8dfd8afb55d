-- wrk script for bench.sh: sends requests picked at random from a file and prints one parseable line.
-- usage: wrk -t2 -c32 -d15s -s bench.lua http://127.0.0.1:5401 -- requests.txt [threads]
-- A line is either a bare path (GET) or TAB-separated: METHOD, path, body (may be empty), then
-- "Name: value" headers. Requests are formatted once in init(), so request() costs a table lookup.
-- Reads are drawn at random. Writes (any other method) keep their share of the file but each thread
-- walks its own slice of them in order, so two connections never write the same article at once
-- (two editors rarely do; the loser would get a 412). Pass wrk's thread count so the slices are disjoint.
-- BENCH_EXPECT=304 (environment) counts every other status as an error: wrk itself only counts >= 400,
-- and a response() callback slows wrk down, so it is only defined when a status must be checked.
local reads, writes = {}, {}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      if not line:find("\t", 1, true) then
        reads[#reads + 1] = wrk.format("GET", line)
      else
        local f = {}
        for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
        local headers = {}
        for i = 4, #f do
          local name, value = f[i]:match("^([^:]+):%s*(.*)$")
          if name then headers[name] = value end
        end
        local list = f[1] == "GET" and reads or writes
        list[#list + 1] = wrk.format(f[1], f[2], headers, f[3] ~= "" and f[3] or nil)
      end
    end
  end
  -- Each thread has its own Lua state: seed with its id so the two threads draw different sequences.
  math.randomseed(os.time() * 100 + id)
  unexpected = 0
  stride = tonumber(args[2] or "1")
  nextWrite = id - stride
end

function request()
  if #writes > 0 and math.random(#reads + #writes) > #reads then
    nextWrite = nextWrite + stride
    if nextWrite > #writes then nextWrite = (nextWrite - 1) % stride + 1 end
    return writes[nextWrite] or writes[1]
  end
  return reads[math.random(#reads)]
end

local expect = tonumber(os.getenv("BENCH_EXPECT") or "")
if expect then
  function response(status, headers, body)
    if status ~= expect then unexpected = unexpected + 1 end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("unexpected") or 0) end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f status_errors=%d socket_errors=%d unexpected=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, bad))
end
