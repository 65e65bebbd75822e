#!/usr/bin/env bash
# Measures the app's memory under load for a few JVM heap settings, to size the instance and the
# Procfile's heap (README.md, "Memory"). Each setting: a fresh java -jar of the packaged jar on
# DynamoDB (a local dynalite), 15 s of warm-up, then wrk with 32 connections on counted pages for
# MEASURE_SECONDS; prints pages/s, errors and the process's peak resident memory (VmHWM).
#
# Usage: deploy/measure-memory.sh ["JVM options" ...]
#   default settings: the Procfile's own options, then smaller and larger heaps for comparison.
# Needs what ./bin/test installs plus wrk. Traffic goes to 127.0.0.1 only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

MEASURE_SECONDS="${MEASURE_SECONDS:-20}"
jar=target/resume-site.jar
[[ -f "${jar}" ]] || mvn -q -B -ntp -DskipTests package
command -v wrk >/dev/null || { echo "measure-memory: needs wrk (apt-get install wrk)" >&2; exit 1; }
[[ -f node_modules/dynalite/cli.js ]] || npm ci --no-audit --no-fund --loglevel=error

procfile_options="$(sed -n 's/^web: java \(.*\) -jar resume-site.jar$/\1/p' deploy/eb/Procfile)"
if (($# == 0)); then
  set -- "${procfile_options}" "-XX:+UseSerialGC -Xmx64m -Xss512k" "-XX:+UseSerialGC -Xmx256m" "-XX:MaxRAMPercentage=50 -XX:MaxRAM=1g"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "${work}"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null || { echo "${port}"; return; }
  done
}
wait_for() {
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "measure-memory: $1 did not answer" >&2
  return 1
}

dynalite_port="$(free_port)"
node node_modules/dynalite/cli.js --port "${dynalite_port}" >"${work}/dynalite.log" 2>&1 &
pids+=("$!")

printf '| JVM options | pages/s | non-2xx | peak RSS MB |\n| --- | ---: | ---: | ---: |\n'
run=0
for options in "$@"; do
  run=$((run + 1))
  port="$(free_port)"
  # shellcheck disable=SC2086 # the options are a list of JVM flags
  env PORT="${port}" COUNTER_STORE=dynamodb DYNAMODB_ENDPOINT="http://127.0.0.1:${dynalite_port}" \
    DYNAMODB_TABLE="memory-${run}" DYNAMODB_CREATE_TABLE=true AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local COUNT_WAIT_MS=2000 \
    java ${options} -jar "${jar}" >"${work}/app-${run}.log" 2>&1 &
  app="$!"
  pids+=("${app}")
  wait_for "http://127.0.0.1:${port}/healthz"
  wrk -t2 -c32 -d15s "http://127.0.0.1:${port}/" >/dev/null
  out="$(wrk -t2 -c32 -d"${MEASURE_SECONDS}s" "http://127.0.0.1:${port}/")"
  rps="$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"${out}")"
  errors="$(awk '/Non-2xx/ {print $NF}' <<<"${out}")"
  if ! peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/${app}/status" 2>/dev/null)"; then
    echo "measure-memory: the app with ${options} is gone; its log:" >&2
    cat "${work}/app-${run}.log" >&2
    exit 1
  fi
  # shellcheck disable=SC2016 # backticks are Markdown here
  printf '| `%s` | %s | %s | %d |\n' "${options}" "${rps}" "${errors:-0}" "$((peak_kb / 1024))"
  kill "${app}"
  wait "${app}" 2>/dev/null || true
done
