-- wrk script for bench/abuse: one client (wrk's one address, 127.0.0.1) that sends every request with a
-- browser user agent it never sent before, as the attacker of issue 16 did, so that every request is a
-- new visitor by its key and only the address budget can hold the numbers.
--   ABUSE_TARGET=page   GET / with the headers of a reader opening it in a tab (it would count)
--   ABUSE_TARGET=hits   POST /api/hits as a script on ABUSE_ORIGIN's page sends it (ABUSE_PATH)
-- done() prints one RESULT line: requests sent, answered 200, answered otherwise, socket errors.
local target = os.getenv("ABUSE_TARGET") or "page"
local origin = os.getenv("ABUSE_ORIGIN") or "https://blog.example.com"
local body = string.format('{"path":"%s"}', os.getenv("ABUSE_PATH") or "/posts/abused")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  sent, ok, other = 0, 0, 0
end

-- Firefox on Linux with a version and build that change with every request: never the same string twice.
local function user_agent()
  sent = sent + 1
  local version = 60 + sent % 80
  return string.format("Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 Firefox/%d.0.%d%d",
    version, version, thread_number or 1, sent)
end

function request()
  if target == "hits" then
    return wrk.format("POST", "/api/hits", {
      ["User-Agent"] = user_agent(),
      ["Origin"] = origin,
      ["Content-Type"] = "application/json",
      ["Sec-Fetch-Dest"] = "empty",
      ["Sec-Fetch-Mode"] = "cors",
      ["Sec-Fetch-Site"] = "cross-site",
    }, body)
  end
  -- What makes a request a reader's navigation (web/PageViewPolicy): Fetch metadata of a document and
  -- an Accept that asks for HTML.
  return wrk.format("GET", "/", {
    ["User-Agent"] = user_agent(),
    ["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8",
    ["Sec-Fetch-Dest"] = "document",
    ["Sec-Fetch-Mode"] = "navigate",
  })
end

function response(status, headers, response_body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_total, other_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    other_total = other_total + (t:get("other") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d ok=%d other=%d errors=%d\n", summary.requests, ok_total, other_total,
    e.connect + e.read + e.write + e.timeout))
end
