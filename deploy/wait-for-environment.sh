#!/usr/bin/env bash
# Waits until an Elastic Beanstalk environment runs the given version and is healthy.
#
# Usage: deploy/wait-for-environment.sh APPLICATION ENVIRONMENT VERSION_LABEL [TIMEOUT_SECONDS] [POLL_SECONDS]
#   TIMEOUT_SECONDS  give up after this long (default 1200: an immutable deploy takes 5-10 minutes)
#   POLL_SECONDS     pause between checks (default 20)
#
# Succeeds when the environment is Ready, Green and on VERSION_LABEL. Fails at once when the
# environment does not exist; fails when it times out, or when the update is over and the
# environment is Ready on another version: an immutable deploy whose new instances fail their
# health checks is rolled back to the previous version.
# AWS_CLI names the aws executable (default: aws); tests point it at a stand-in.
set -euo pipefail

if (($# < 3 || $# > 5)); then
  echo "usage: $0 APPLICATION ENVIRONMENT VERSION_LABEL [TIMEOUT_SECONDS] [POLL_SECONDS]" >&2
  exit 2
fi

application="$1"
environment="$2"
wanted_version="$3"
timeout_seconds="${4:-1200}"
poll_seconds="${5:-20}"
aws_cli="${AWS_CLI:-aws}"

# Once EB has accepted the update, describe-environments reports Updating. Until we have seen that,
# "Ready on the old version" only means the update has not started yet, so it is not a failure...
seen_update=false
# ...but an update that never shows up at all must not look like a rollback forever either.
start_grace_seconds=$((poll_seconds * 3 > 60 ? poll_seconds * 3 : 60))

print_recent_events() {
  echo "Recent events for ${environment}:" >&2
  "${aws_cli}" elasticbeanstalk describe-events \
    --application-name "${application}" \
    --environment-name "${environment}" \
    --max-items 15 \
    --query 'Events[].[EventDate,Severity,Message]' \
    --output text >&2 || true
}

SECONDS=0
while true; do
  if state="$("${aws_cli}" elasticbeanstalk describe-environments \
    --application-name "${application}" \
    --environment-names "${environment}" \
    --no-include-deleted \
    --query 'Environments[0].[Status,Health,VersionLabel]' \
    --output text)"; then
    # No such environment (wrong name, or terminated): waiting would only burn the whole timeout.
    if [[ -z "${state//[[:space:]]/}" || "${state}" == "None" ]]; then
      echo "Environment ${environment} of application ${application} does not exist; check EB_APPLICATION and EB_ENVIRONMENT." >&2
      exit 1
    fi
    read -r status health version <<<"${state}"
    echo "[${SECONDS}s] status=${status} health=${health} version=${version}"

    if [[ "${status}" != "Ready" ]]; then
      seen_update=true
    elif [[ "${version}" == "${wanted_version}" && "${health}" == "Green" ]]; then
      echo "${environment} is Ready and Green on ${wanted_version}."
      exit 0
    elif [[ "${version}" != "${wanted_version}" ]] &&
      { [[ "${seen_update}" == true ]] || ((SECONDS >= start_grace_seconds)); }; then
      echo "${environment} settled on version ${version}, not ${wanted_version}: the deploy failed and was rolled back." >&2
      print_recent_events
      exit 1
    fi
  else
    echo "[${SECONDS}s] describe-environments failed; trying again" >&2
  fi

  if ((SECONDS >= timeout_seconds)); then
    echo "Timed out after ${timeout_seconds}s waiting for ${environment} to be Ready and Green on ${wanted_version}." >&2
    print_recent_events
    exit 1
  fi
  sleep "${poll_seconds}"
done
