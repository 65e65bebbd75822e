-- wrk script for bench/run. With PAGES_PER_THREAD set, each thread sends exactly that many page
-- requests, then only FILLER_PATH (an uncounted asset) until every page has its answer, and stops:
-- so the server counted exactly the pages counted here. wrk itself still waits out -d, so bench/run
-- ends it with SIGINT once the server has seen every page; the page rate is timed here, per thread.
-- Without PAGES_PER_THREAD it just requests wrk's URL. done() prints one machine-readable RESULT line.
-- Every request carries a real browser's User-Agent (robots are not counted). With VISITORS=N, page
-- requests come from N distinct visitors in turn: the address in X-Forwarded-For (the app must trust
-- 127.0.0.1 as a proxy) and one of several browsers' user agents.
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
local visitors = tonumber(os.getenv("VISITORS") or "")
-- Which block of addresses the visitors come from, so the warm-up's visitors are not the measured run's.
local visitor_offset = tonumber(os.getenv("VISITOR_OFFSET") or "0")
local browsers = {
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
}
wrk.headers["User-Agent"] = browsers[1]
local quota = tonumber(os.getenv("PAGES_PER_THREAD") or "")
local filler = os.getenv("FILLER_PATH") or "/favicon.ico"

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- The headers of the next page request: the next visitor's, when there are several.
local pages_asked = 0
local function page_headers()
  if visitors == nil then
    return nil
  end
  pages_asked = pages_asked + 1
  local n = visitor_offset + (pages_asked + (thread_number or 1) * 7919) % visitors
  return {
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256),
    ["User-Agent"] = browsers[n % #browsers + 1],
  }
end

function init(args)
  calls, sent, ok, other, first_us, last_us = 0, 0, 0, 0, 0, 0
end

function request()
  if quota == nil then
    return wrk.format("GET", nil, page_headers())
  end
  calls = calls + 1
  -- wrk 4.1 calls request() once per thread without sending the result, so that call gets the filler.
  if calls > 1 and sent < quota then
    if sent == 0 then first_us = now_us() end
    sent = sent + 1
    return wrk.format("GET", "/", page_headers())
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
