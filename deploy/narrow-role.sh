#!/usr/bin/env bash
# Proposes a narrower deploy-role policy from what the deploys really called: IAM Access Analyzer reads
# the role's calls in a CloudTrail trail and generates a policy (IAM User Guide, "IAM Access Analyzer policy
# generation"). Run it after the first successful deploys, then review and apply the proposal as
# docs/deploy.md ("Narrow the deploy role") says; this script changes nothing in the account.
#
#   deploy/narrow-role.sh <deploy-role-arn> <cloudtrail-trail-arn> <access-role-arn> [days] [out-file]
#
# access-role-arn: a role Access Analyzer may assume to read the trail (trust access-analyzer.amazonaws.com;
# the console's "Generate policy" page creates one). days: how far back to read (default 30, at most 90).
set -euo pipefail

[[ $# -ge 3 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
role_arn="$1" trail_arn="$2" access_role_arn="$3" days="${4:-30}" out="${5:-deploy-role-generated-policy.json}"
region="${AWS_REGION:-us-east-1}"
# Generation reads the trail's logs; a few minutes is usual, an hour is the most we wait.
deadline=$((SECONDS + 3600))

start="$(date -u -d "-${days} days" +%Y-%m-%dT%H:%M:%SZ)"
end="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
job_id="$(aws accessanalyzer start-policy-generation --region "${region}" \
  --policy-generation-details "principalArn=${role_arn}" \
  --cloud-trail-details "{\"trails\":[{\"cloudTrailArn\":\"${trail_arn}\",\"regions\":[\"${region}\"],\"allRegions\":false}],\"accessRole\":\"${access_role_arn}\",\"startTime\":\"${start}\",\"endTime\":\"${end}\"}" \
  --query jobId --output text)"
echo "narrow-role: policy generation ${job_id} started for ${role_arn} (${start} .. ${end})"

while :; do
  status="$(aws accessanalyzer get-generated-policy --region "${region}" --job-id "${job_id}" \
    --query jobDetails.status --output text)"
  case "${status}" in
    SUCCEEDED) break ;;
    FAILED | CANCELED)
      aws accessanalyzer get-generated-policy --region "${region}" --job-id "${job_id}" --query jobDetails.jobError >&2
      exit 1 ;;
  esac
  ((SECONDS < deadline)) || { echo "narrow-role: job ${job_id} still ${status} after an hour" >&2; exit 1; }
  sleep 30
done

aws accessanalyzer get-generated-policy --region "${region}" --job-id "${job_id}" \
  --include-resource-placeholders --query 'generatedPolicyResult.generatedPolicies[].policy' --output json >"${out}"
echo "narrow-role: proposal written to ${out}: compare it with DeployRole in infra/stack.yml (docs/deploy.md)"
