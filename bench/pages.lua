-- wrk script for bench/run. With PAGES_PER_THREAD set, each thread sends exactly that many page
-- requests, then only FILLER_PATH (an uncounted asset) until every page has its answer, writes
-- DONE_DIR/thread-N and stops: so the server saw exactly the pages sent here. wrk itself still waits
-- out -d, so bench/run ends it with SIGINT once every thread is done; the page rate is timed here, per
-- thread. Without PAGES_PER_THREAD it just requests wrk's URL. done() prints one RESULT line.
--
-- Every page request carries a real browser navigation's headers (robots' requests a robot's), but
-- no Accept-Encoding: the "updating" marker is looked for in the body, which wrk does not decompress.
-- Who asks for the page:
--   MIX=letters   the visitors of a crowd, one letter per request in turn (the cycle repeats):
--                 n a new visitor (an address never used before), r a returning visitor (one of the
--                 RETURNING_POOL visitors a seeding run brought as new ones: the store knows them, this
--                 process does not), l a reload (the thread's last new visitor again), b a robot (a
--                 link-preview or search crawler). Addresses come from block VISITOR_BLOCK, so no two
--                 runs share one; X-Forwarded-For carries them (the app must trust 127.0.0.1 as a proxy).
--                 Without PAGES_PER_THREAD (a probe) returning visitors are new ones.
--   VISITORS=N    N distinct visitors in turn (the older rows; VISITOR_OFFSET picks their block).
--   neither       one visitor.
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
local mix = os.getenv("MIX")
local visitors = tonumber(os.getenv("VISITORS") or "")
-- Which block of addresses the visitors come from, so the warm-up's visitors are not the measured run's.
local visitor_offset = tonumber(os.getenv("VISITOR_OFFSET") or "0")
local visitor_block = tonumber(os.getenv("VISITOR_BLOCK") or "0")
local returning_block = tonumber(os.getenv("RETURNING_BLOCK") or "0")
local returning_pool = tonumber(os.getenv("RETURNING_POOL") or "0")
local returning_from = tonumber(os.getenv("RETURNING_FROM") or "0")
local done_dir = os.getenv("DONE_DIR")
local browsers = {
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
}
-- Who fetches a shared link besides people: chat and social link previews, search crawlers.
local robots = {
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "Mozilla/5.0 (compatible; LinkedInBot/1.0; +http://www.linkedin.com)",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "Twitterbot/1.0",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
}
local quota = tonumber(os.getenv("PAGES_PER_THREAD") or "")
local filler = os.getenv("FILLER_PATH") or "/favicon.ico"

local function browser_headers(address, user_agent)
  return {
    ["User-Agent"] = user_agent,
    ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    ["Accept-Language"] = "en-US,en;q=0.5",
    ["Sec-Fetch-Dest"] = "document",
    ["Sec-Fetch-Mode"] = "navigate",
    ["Sec-Fetch-Site"] = "none",
    ["Sec-Fetch-User"] = "?1",
    ["Upgrade-Insecure-Requests"] = "1",
    ["X-Forwarded-For"] = address,
  }
end
wrk.headers = browser_headers(nil, browsers[1])

local function dotted(n)
  n = 16777216 + n -- from 1.0.0.0 on
  return string.format("%d.%d.%d.%d", math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256,
    math.floor(n / 256) % 256, n % 256)
end
-- The i-th new visitor (from 1) of a thread in a block: 2^22 addresses per thread, 2^23 per block.
local function new_visitor(block, thread, i)
  local n = block * 8388608 + (thread - 1) * 4194304 + i
  return dotted(n), browsers[n % #browsers + 1]
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- How many of the first `count` letters of the cycle are one of `letters`.
local function in_prefix(count, letters)
  local per_cycle, partial = 0, 0
  for i = 1, #mix do
    local hit = string.find(letters, string.sub(mix, i, i), 1, true) and 1 or 0
    per_cycle = per_cycle + hit
    if i <= count % #mix then partial = partial + hit end
  end
  return math.floor(count / #mix) * per_cycle + partial
end

local pages_asked, news, returns, robots_sent, last_new = 0, 0, 0, 0, nil
local function mixed_headers(thread)
  local kind = string.sub(mix, pages_asked % #mix + 1, pages_asked % #mix + 1)
  pages_asked = pages_asked + 1
  if kind == "r" and quota ~= nil then
    -- The seeding run's visitors, split between this run's threads without overlap.
    local j = returning_from + (thread - 1) * in_prefix(quota, "r") + returns
    returns = returns + 1
    if j >= returning_pool then error("the returning visitors' pool is used up") end
    should_count = should_count + 1
    return browser_headers(new_visitor(returning_block, j % 2 + 1, math.floor(j / 2) + 1))
  elseif kind == "b" then
    robots_sent = robots_sent + 1
    local address = dotted(visitor_block * 8388608 + (thread - 1) * 4194304 + 2097152 + robots_sent)
    return { ["User-Agent"] = robots[robots_sent % #robots + 1], ["Accept"] = "*/*", ["X-Forwarded-For"] = address }
  elseif kind == "l" and last_new ~= nil then
    return last_new
  end
  news = news + 1
  should_count = should_count + 1
  last_new = browser_headers(new_visitor(visitor_block, thread, news))
  return last_new
end

-- The headers of the next page request.
local function page_headers()
  local thread = thread_number or 1
  if mix ~= nil then
    return mixed_headers(thread)
  end
  if visitors == nil then
    return browser_headers(nil, browsers[1])
  end
  pages_asked = pages_asked + 1
  local n = visitor_offset + (pages_asked + thread * 7919) % visitors
  return browser_headers(string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256),
    browsers[n % #browsers + 1])
end

function init(args)
  calls, sent, ok, other, updating, should_count, first_us, last_us = 0, 0, 0, 0, 0, 0, 0, 0
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
    -- The page marks a number it could not make exact in time (templates/index.html).
    if status == 200 and string.find(body, 'id="visitor-count-updating"', 1, true) then updating = updating + 1 end
    if ok + other >= quota then
      last_us = now_us()
      if done_dir ~= nil then
        local f = io.open(string.format("%s/thread-%d", done_dir, thread_number), "w")
        if f ~= nil then f:close() end
      end
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local ok_total, other_total, updating_total, count_total, first, last = 0, 0, 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    other_total = other_total + (t:get("other") or 0)
    updating_total = updating_total + (t:get("updating") or 0)
    count_total = count_total + (t:get("should_count") or 0)
    first = math.min(first, t:get("first_us") or math.huge)
    last = math.max(last, t:get("last_us") or 0)
  end
  local duration = summary.duration
  if quota ~= nil then duration = last - first end
  -- Pages that should count: without MIX, every answered page; with MIX, the new and returning
  -- visitors' pages sent (then every page must have had a 200 for the stored count to match).
  if mix == nil then count_total = ok_total end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d ok=%d other=%d updating=%d should_count=%d errors=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, ok_total, other_total, updating_total, count_total, e.connect + e.read + e.write + e.timeout + e.status,
    duration, latency:percentile(50), latency:percentile(99)))
end
