#!/usr/bin/env bash
# Checks, with the AWS CLI and read-only calls, what a fresh AWS account lacks for infra/stack.yml and
# its immutable deploys, and prints the fix for each problem, so the stack is not created only to
# fail and roll back 15-25 minutes later. Run it before creating the stack (docs/deploy.md, step 1):
#
#   deploy/preflight.sh --domain resume.example.com --hosted-zone-id Z0123456789ABC \
#     --solution-stack "64bit Amazon Linux 2023 v4.7.0 running Corretto 17" [--profile personal|ha] \
#     [--oidc-provider-arn arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com]
#
# The deploy job runs it with --deploy-job, which checks only the vCPU quota an immutable deploy needs.
# Exit status: 0 when nothing blocks, 1 when something does (each printed as FAIL with its fix).
set -uo pipefail

REGION=us-east-1
# "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", in vCPUs: t4g and t3 count here.
VCPU_QUOTA_CODE=L-1216C47A
domain="" zone="" stack_name="" profile=personal oidc_arn="" deploy_job=false
while (($#)); do
  case "$1" in
    --domain) domain="$2"; shift 2 ;;
    --hosted-zone-id) zone="$2"; shift 2 ;;
    --solution-stack) stack_name="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --oidc-provider-arn) oidc_arn="$2"; shift 2 ;;
    --deploy-job) deploy_job=true; shift ;;
    *) echo "preflight: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
case "${profile}" in
  # An immutable deploy runs the new instances next to the old ones for a few minutes: twice the
  # vCPUs of the environment (t4g.micro: 2 vCPUs each; ha: 2 instances by default).
  personal) needed_vcpus=4 ;;
  ha) needed_vcpus=8 ;;
  *) echo "preflight: --profile must be personal or ha" >&2; exit 2 ;;
esac

failures=0
ok() { echo "ok    $*"; }
note() { echo "note  $*"; }
fail() {
  echo "FAIL  $1"
  echo "      fix: $2"
  failures=$((failures + 1))
}
# The AWS CLI, quietly; its error text is kept for the report.
call() { aws --region "${REGION}" --output text "$@" 2>/tmp/preflight.$$.err; }
error_text() { tr '\n' ' ' </tmp/preflight.$$.err; }
trap 'rm -f /tmp/preflight.$$.err' EXIT

check_vcpu_quota() {
  local quota
  if ! quota="$(call service-quotas get-service-quota --service-code ec2 --quota-code "${VCPU_QUOTA_CODE}" --query 'Quota.Value')"; then
    fail "cannot read the EC2 vCPU quota (${VCPU_QUOTA_CODE}): $(error_text)" \
      "allow servicequotas:GetServiceQuota, or check it in the Service Quotas console (EC2, Running On-Demand Standard instances)"
    return
  fi
  quota="${quota%%.*}"
  if ((quota < needed_vcpus)); then
    fail "EC2 on-demand standard vCPU quota is ${quota}; an immutable deploy of profile ${profile} needs ${needed_vcpus} for a few minutes" \
      "aws service-quotas request-service-quota-increase --region ${REGION} --service-code ec2 --quota-code ${VCPU_QUOTA_CODE} --desired-value ${needed_vcpus}"
  else
    ok "EC2 on-demand standard vCPU quota ${quota} >= ${needed_vcpus} (profile ${profile})"
  fi
}

check_cloudfront() {
  local ids count
  if ! ids="$(call cloudfront list-distributions --query 'DistributionList.Items[].Id')"; then
    fail "CloudFront cannot be used by this account: $(error_text)" \
      "an account that has never used CloudFront may have to be verified first: open an AWS Support case (Account and billing) asking to enable CloudFront"
  elif count="$(tr -s ' \t' '\n' <<<"${ids/None/}" | grep -c .)"; ((count == 0)); then
    note "the account has no CloudFront distribution yet; if creating the stack fails with \"Your account must be verified before you can add new CloudFront resources\", open an AWS Support case (Account and billing) and retry when it is answered"
  else
    ok "CloudFront in use (${count} distributions)"
  fi
}

check_certificate() {
  local certificates
  if ! certificates="$(call acm list-certificates --certificate-statuses ISSUED --query 'CertificateSummaryList[].[DomainName]')"; then
    fail "cannot list ACM certificates in ${REGION}: $(error_text)" "allow acm:ListCertificates"
    return
  fi
  local parent="*.${domain#*.}" name
  while read -r name; do
    if [[ "${name}" == "${domain}" || "${name}" == "${parent}" ]]; then
      ok "an issued ACM certificate in ${REGION} covers ${domain} (${name})"
      return
    fi
  done <<<"${certificates}"
  note "no issued ACM certificate in ${REGION} covers ${domain} yet: the stack requests one and validates it through the hosted zone, which must be the zone the domain's registrar delegates to (its NS records), or the stack waits until it times out"
}

check_hosted_zone() {
  local zone_info name private
  if ! zone_info="$(call route53 get-hosted-zone --id "${zone}" --query 'HostedZone.[Name,Config.PrivateZone]')"; then
    fail "hosted zone ${zone} not found: $(error_text)" \
      "aws route53 list-hosted-zones-by-name --dns-name ${domain#*.} (use the public zone's Id without /hostedzone/)"
    return
  fi
  read -r name private <<<"${zone_info}"
  name="${name%.}"
  if [[ "${private}" == True ]]; then
    fail "hosted zone ${zone} (${name}) is private; CloudFront and ACM need public DNS" "create a public hosted zone for ${name} and delegate the domain to it"
  elif [[ -n "${domain}" && "${domain}" != "${name}" && "${domain}" != *".${name}" ]]; then
    fail "${domain} is not inside hosted zone ${zone} (${name})" "pass the hosted zone that holds ${domain}"
  else
    ok "public hosted zone ${zone} (${name}) holds ${domain:-the domain}"
  fi
}

check_github_oidc_provider() {
  local providers existing=""
  if ! providers="$(call iam list-open-id-connect-providers --query 'OpenIDConnectProviderList[].Arn')"; then
    fail "cannot list IAM OIDC providers: $(error_text)" "allow iam:ListOpenIDConnectProviders"
    return
  fi
  for arn in ${providers}; do
    [[ "${arn}" == *":oidc-provider/token.actions.githubusercontent.com" ]] && existing="${arn}"
  done
  if [[ -n "${existing}" && "${existing}" != "${oidc_arn}" ]]; then
    fail "the account already has GitHub's OIDC provider (${existing}); creating a second one fails the stack" \
      "pass ExistingGitHubOidcProviderArn=${existing} to the stack (and --oidc-provider-arn ${existing} here)"
  elif [[ -z "${existing}" && -n "${oidc_arn}" ]]; then
    fail "${oidc_arn} does not exist in this account" "leave ExistingGitHubOidcProviderArn empty: the stack creates the provider"
  elif [[ -n "${existing}" ]]; then
    ok "GitHub's OIDC provider exists and is passed to the stack"
  else
    ok "no GitHub OIDC provider yet: the stack creates it"
  fi
}

check_platform_version() {
  local stacks newest
  if ! stacks="$(aws --region "${REGION}" --output json elasticbeanstalk list-available-solution-stacks --query 'SolutionStacks' 2>/tmp/preflight.$$.err)"; then
    fail "cannot list Elastic Beanstalk platform versions: $(error_text)" "allow elasticbeanstalk:ListAvailableSolutionStacks"
    return
  fi
  newest="$(grep -o '"64bit Amazon Linux 2023 v4[^"]*running Corretto 17"' <<<"${stacks}" | head -n 1 | tr -d '"')"
  if grep -qF "\"${stack_name}\"" <<<"${stacks}"; then
    ok "platform version offered: ${stack_name}"
  else
    fail "platform version \"${stack_name}\" is no longer offered (new environments may only use the newest)" \
      "pass SolutionStackName=\"${newest:-see aws elasticbeanstalk list-available-solution-stacks}\""
  fi
}

check_vcpu_quota
if ! ${deploy_job}; then
  check_cloudfront
  [[ -n "${domain}" ]] && check_certificate
  [[ -n "${zone}" ]] && check_hosted_zone
  check_github_oidc_provider
  [[ -n "${stack_name}" ]] && check_platform_version
fi

if ((failures > 0)); then
  echo "preflight: ${failures} problem(s) would make the stack or a deploy fail; fix them and run it again"
  exit 1
fi
echo "preflight: nothing found that would stop the stack or a deploy"
