-- wrk script for bench/run. With PAGES_PER_THREAD set, each thread sends exactly that many page
-- requests, then only FILLER_PATH (an uncounted asset) until every page has its answer, and stops:
-- so the server counted exactly the pages counted here. wrk itself still waits out -d, so bench/run
-- ends it with SIGINT once the server has seen every page; the page rate is timed here, per thread.
-- Without PAGES_PER_THREAD it just requests wrk's URL. done() prints one machine-readable RESULT line.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local function now_us()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, t) -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) * 1000000 + tonumber(t.tv_nsec) / 1000
end

local threads = {}
local quota = tonumber(os.getenv("PAGES_PER_THREAD") or "")
local filler = os.getenv("FILLER_PATH") or "/favicon.ico"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  calls, sent, ok, other, first_us, last_us = 0, 0, 0, 0, 0, 0
end

function request()
  if quota == nil then
    return wrk.format("GET")
  end
  calls = calls + 1
  -- wrk 4.1 calls request() once per thread without sending the result, so that call gets the filler.
  if calls > 1 and sent < quota then
    if sent == 0 then first_us = now_us() end
    sent = sent + 1
    return wrk.format("GET", "/")
  end
  return wrk.format("GET", filler)
end

function response(status, headers, body)
  if quota == nil then
    return
  end
  local ctype = headers["Content-Type"] or ""
  if string.find(ctype, "text/html", 1, true) then
    if status == 200 then ok = ok + 1 else other = other + 1 end
    if ok + other >= quota then
      last_us = now_us()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local ok_total, other_total, first, last = 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    other_total = other_total + (t:get("other") or 0)
    first = math.min(first, t:get("first_us") or math.huge)
    last = math.max(last, t:get("last_us") or 0)
  end
  local duration = summary.duration
  if quota ~= nil then duration = last - first end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d ok=%d other=%d errors=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, ok_total, other_total, e.connect + e.read + e.write + e.timeout + e.status,
    duration, latency:percentile(50), latency:percentile(99)))
end
