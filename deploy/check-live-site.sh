#!/usr/bin/env bash
# Checks a deployed site end to end without touching its public visitor count: every counted
# request carries X-Synthetic-Check with the site's SYNTHETIC_CHECK_SECRET, which the app counts
# under a counter of its own (synthetic-views, same item layout, same counting code). Real visitors
# arriving meanwhile change only the public count, which this script reads but never asserts on.
#
# Usage: SYNTHETIC_CHECK_SECRET=... deploy/check-live-site.sh BASE_URL
# Proves: the page is served (200, HTML with the counter), a synthetic visit is written and read
# back through the API (the same number), the next one gets exactly the next number, and the
# page's stylesheet is served as an immutable asset. Exits 1 with the reason otherwise.
# CURL names the curl executable (default: curl); EXTRA_CURL_ARGS are added to every request
# (the local test passes --noproxy '*').
set -euo pipefail

if (($# != 1)); then
  echo "usage: SYNTHETIC_CHECK_SECRET=... $0 BASE_URL" >&2
  exit 2
fi
base="${1%/}"
secret="${SYNTHETIC_CHECK_SECRET:-}"
curl_cli="${CURL:-curl}"
read -r -a extra <<<"${EXTRA_CURL_ARGS:-}"

fail() {
  echo "check-live-site: FAILED: $*" >&2
  exit 1
}
[[ -n "${secret}" ]] || fail "SYNTHETIC_CHECK_SECRET is empty; without it every check would count as a public visit"

# $1 = path; prints the status line, headers and body; HTTP errors are reported by the caller.
# Only requests that count nothing are retried: a retried page view could count twice.
fetch() {
  local path="$1"
  shift
  "${curl_cli}" "${extra[@]}" --silent --show-error --max-time 20 --include "$@" "${base}${path}"
}
fetch_again_if_needed() {
  local path="$1"
  shift
  fetch "${path}" --retry 3 --retry-connrefused "$@"
}
status_of() { head -n1 <<<"$1" | awk '{print $2}'; }
views_of() { grep -o '"views":[0-9]*' <<<"$1" | head -n1 | cut -d: -f2; }
count_in_page() { grep -o 'id="visitor-count"[^>]*' <<<"$1" | grep -o 'data-count="[0-9]*"' | head -n1 | grep -o '[0-9]*'; }
# A reader's navigation: the site counts only a request that opens the page (Fetch metadata, Accept: text/html).
synthetic=(-H "X-Synthetic-Check: ${secret}" -H "Accept: text/html" -H "Sec-Fetch-Dest: document" -H "Sec-Fetch-Mode: navigate")

# 1. The app must recognise the secret before anything is counted: a GET of /api/views never
#    counts, and a recognised check is answered with X-Synthetic-Check: synthetic-views.
probe="$(fetch_again_if_needed /api/views "${synthetic[@]}")"
[[ "$(status_of "${probe}")" == "200" ]] || fail "GET /api/views answered $(status_of "${probe}")"
grep -qi '^x-synthetic-check: synthetic-views' <<<"${probe}" ||
  fail "the site does not recognise this SYNTHETIC_CHECK_SECRET (no X-Synthetic-Check in the answer); nothing was counted"
public_before="$(views_of "$(fetch_again_if_needed /api/views)")"

# 2. A counted page view on the synthetic counter, read back through the API.
page="$(fetch / "${synthetic[@]}")"
[[ "$(status_of "${page}")" == "200" ]] || fail "GET / answered $(status_of "${page}")"
grep -qi '^x-synthetic-check: synthetic-views' <<<"${page}" || fail "the page was not counted as a synthetic check"
first="$(count_in_page "${page}")"
[[ -n "${first}" ]] || fail "the page has no #visitor-count with a data-count"
grep -q 'id="visitor-count-updating"' <<<"${page}" && fail "the page shows the count as updating: the store did not confirm the write"
read_back="$(views_of "$(fetch_again_if_needed /api/views "${synthetic[@]}")")"
[[ "${read_back}" == "${first}" ]] || fail "the page said ${first}, the store reads back ${read_back}"

# 3. The next synthetic view gets exactly the next number (only this job counts there).
second="$(count_in_page "$(fetch / "${synthetic[@]}")")"
[[ "${second}" == "$((first + 1))" ]] || fail "two synthetic views gave ${first} then ${second}, not consecutive numbers"

# 4. The stylesheet the page links is served, cacheable for a year.
stylesheet="$(grep -o '<link[^>]*rel="stylesheet"[^>]*>' <<<"${page}" | grep -o 'href="[^"]*"' | head -n1 | cut -d'"' -f2)"
[[ -n "${stylesheet}" ]] || fail "the page links no stylesheet"
asset="$(fetch_again_if_needed "${stylesheet}" --head)"
[[ "$(status_of "${asset}")" == "200" ]] || fail "${stylesheet} answered $(status_of "${asset}")"
grep -qi '^cache-control:.*immutable' <<<"${asset}" || fail "${stylesheet} is not served as immutable"

public_after="$(views_of "$(fetch_again_if_needed /api/views)")"
echo "check-live-site: OK: synthetic views ${first} -> ${second}, read back ${read_back}; stylesheet cached;" \
  "public count ${public_before} -> ${public_after} (real visitors only)"
